// Opcodes and operand codes of the expression VM. The TypeScript compiler mirrors them in
// engine/runtime/expr/opcodes.ts; test/expr/opcodes.test.ts checks that both agree.
//
// An instruction is 8 i32 words: [op, dst, guard, a, b, c, d, e]. `dst` is the register written,
// `guard` a BOOL register without nulls that marks the rows where errors count (-1: every row;
// CASE branches and the right side of AND/OR are guarded so that rows which do not reach them
// never raise). The meaning of a..e is given per opcode below.

export const INSTR_WORDS: i32 = 8;
export const INSTR_BYTES: usize = 32;

// VM kinds of registers (same numbers as the physical kinds of layout.ts; STR holds string views).
export const VK_BOOL: i32 = 1;
export const VK_I32: i32 = 2;
export const VK_I64: i32 = 3;
export const VK_F64: i32 = 4;
export const VK_STR: i32 = 5;
export const VK_I128: i32 = 7; // DECIMAL(p > 18) unscaled: two little-endian words per row

// Operand modes of binary arithmetic and comparisons.
export const MODE_VV: i32 = 0; // a and b are registers
export const MODE_VS: i32 = 1; // b is a constant-pool offset (a literal)
export const MODE_SV: i32 = 2; // a is a constant-pool offset

// Arithmetic sub-operations.
export const AR_ADD: i32 = 0;
export const AR_SUB: i32 = 1;
export const AR_MUL: i32 = 2;
export const AR_DIV: i32 = 3;
export const AR_MOD: i32 = 4;

// Comparison sub-operations.
export const CMP_EQ: i32 = 0;
export const CMP_NE: i32 = 1;
export const CMP_LT: i32 = 2;
export const CMP_LE: i32 = 3;
export const CMP_GT: i32 = 4;
export const CMP_GE: i32 = 5;
export const CMP_DISTINCT: i32 = 6;
export const CMP_NOT_DISTINCT: i32 = 7;

// Rounding of RESCALE when it divides.
export const ROUND_HALF_UP: i32 = 0;
export const ROUND_TRUNC: i32 = 1;
export const ROUND_FLOOR: i32 = 2;
export const ROUND_CEIL: i32 = 3;

// Integer ranges of I32 arithmetic results (e operand).
export const RANGE_INT: i32 = 0;
export const RANGE_SMALLINT: i32 = 1;
export const RANGE_TINYINT: i32 = 2;

/** LOAD dst <- column a (b: VM kind expected). */
export const OP_LOAD: i32 = 1;
/** CONST dst <- literal (a: VM kind, b: pool offset, c: 1 if NULL). Prologue only. */
export const OP_CONST: i32 = 2;

/** ARITH_I32 dst <- a (c) b; d: mode, e: RANGE_*. */
export const OP_ARITH_I32: i32 = 10;
/** ARITH_I64 dst <- a (c) b; d: mode, e: decimal precision bound (0: BIGINT range). */
export const OP_ARITH_I64: i32 = 11;
/** ARITH_F64 dst <- a (c) b; d: mode. */
export const OP_ARITH_F64: i32 = 12;
/** NEG dst <- -a; per kind. I32: e = RANGE_*. */
export const OP_NEG_I32: i32 = 13;
export const OP_NEG_I64: i32 = 14;
export const OP_NEG_F64: i32 = 15;
/** ABS dst <- |a|; per kind. I32: e = RANGE_*. */
export const OP_ABS_I32: i32 = 16;
export const OP_ABS_I64: i32 = 17;
export const OP_ABS_F64: i32 = 18;
/** DEC_MUL dst <- round(a * b / 10^c) half up; d: mode, e: precision bound. */
export const OP_DEC_MUL: i32 = 19;
/** DEC_DIV dst <- round(a * 10^c / b) half up (c may be negative: divides a); d: mode, e: precision. */
export const OP_DEC_DIV: i32 = 20;
/**
 * RESCALE dst(I64) <- a(I64) * 10^b (b < 0: divided, rounded by e = ROUND_*); c: precision bound
 * (0: i64 range); d = 1: TRY (NULL instead of an error).
 */
export const OP_RESCALE: i32 = 21;

/** CMP_<kind> dst(BOOL) <- a (c) b; d: mode. DISTINCT forms never yield NULL. */
export const OP_CMP_BOOL: i32 = 30;
export const OP_CMP_I32: i32 = 31;
export const OP_CMP_I64: i32 = 32;
export const OP_CMP_F64: i32 = 33;
export const OP_CMP_STR: i32 = 34;

/** Three-valued logic over BOOL registers a (and b). */
export const OP_AND: i32 = 40;
export const OP_OR: i32 = 41;
export const OP_NOT: i32 = 42;
/** Null tests of a register of any kind (a); results have no nulls. */
export const OP_IS_NULL: i32 = 43;
export const OP_IS_NOT_NULL: i32 = 44;
/** Truth tests of a BOOL register; results have no nulls. */
export const OP_IS_TRUE: i32 = 45;
export const OP_IS_FALSE: i32 = 46;
export const OP_IS_NOT_TRUE: i32 = 47;
export const OP_IS_NOT_FALSE: i32 = 48;

// Numeric casts. d = 1 (TRY_CAST) turns a failure into NULL.
/** CAST_I32_I64 dst <- a (sign-extended). */
export const OP_CAST_I32_I64: i32 = 50;
/** CAST_I64_I32 dst <- a within RANGE c; d: try. */
export const OP_CAST_I64_I32: i32 = 51;
/** CAST_RANGE_I32 dst <- a(I32) within RANGE c; d: try. */
export const OP_CAST_RANGE_I32: i32 = 52;
/** CAST_TO_F64 dst <- a (VM kind b: BOOL, I32 or I64) / 10^c. */
export const OP_CAST_TO_F64: i32 = 53;
/** CAST_F64_INT dst <- trunc(a) as VM kind b (I32 within RANGE c, or I64); d: try. */
export const OP_CAST_F64_INT: i32 = 54;
/** CAST_F64_DEC dst <- round_half_up(a * 10^b) within 10^c; d: try. */
export const OP_CAST_F64_DEC: i32 = 55;
/** FROUND dst <- a rounded to FLOAT (f32) precision. */
export const OP_FROUND: i32 = 56;
/** CAST_TO_BOOL dst <- a != 0 (a of VM kind b: I32, I64 or F64). */
export const OP_CAST_TO_BOOL: i32 = 57;
/** CAST_BOOL_TO dst <- a ? 10^c : 0 as VM kind b (I32 or I64). */
export const OP_CAST_BOOL_TO: i32 = 58;
/** TS_TO_DATE dst(I32) <- floor(a / units per day); b: timestamp precision (3 or 6). */
export const OP_TS_TO_DATE: i32 = 59;

// Conditionals and sets.
/** SELECT dst <- a (BOOL, no nulls) ? b : c, values of d bytes (STR views: 8). */
export const OP_SELECT: i32 = 60;
/** IN dst(BOOL) <- a IN (sorted literal list at pool b, c entries); d: IN_HAS_NULL | IN_HAS_NAN; e: VM kind of a. */
export const OP_IN: i32 = 61;
export const IN_HAS_NULL: i32 = 1;
export const IN_HAS_NAN: i32 = 2;

// String casts; the type codes say how a value is rendered or parsed.
export const ST_BOOL: i32 = 1;
export const ST_INT: i32 = 2;       // TINYINT, SMALLINT, INT (I32); parse range in c
export const ST_BIGINT: i32 = 3;
export const ST_DECIMAL: i32 = 4;   // c: scale; parse: e = precision
export const ST_DOUBLE: i32 = 5;
export const ST_FLOAT: i32 = 6;
export const ST_DATE: i32 = 7;
export const ST_TIMESTAMP: i32 = 8; // c: fraction digits (3 or 6)
/** CAST_TO_STR dst(STR) <- a rendered as type code b (c: scale or precision). */
export const OP_CAST_TO_STR: i32 = 62;
/** CAST_FROM_STR dst <- a(STR) parsed as type code b (c: scale/precision/RANGE, d: try, e: decimal precision). */
export const OP_CAST_FROM_STR: i32 = 63;

// Strings. Results that are new strings live in the arena until the vector ends.
/** LIKE dst(BOOL) <- a LIKE pattern; c: LIKE_* form; b: pool offset of the compiled pattern, or (DYNAMIC) the pattern register; d: escape code point or -1. */
export const OP_LIKE: i32 = 70;
export const LIKE_EXACT: i32 = 0;    // no wildcard: b is a pool string
export const LIKE_PREFIX: i32 = 1;   // 'abc%'
export const LIKE_SUFFIX: i32 = 2;   // '%abc'
export const LIKE_CONTAINS: i32 = 3; // '%abc%'
export const LIKE_GENERAL: i32 = 4;  // b: compiled tokens (see like.ts)
export const LIKE_DYNAMIC: i32 = 5;  // b: pattern register, parsed per row
export const LIKE_ANY: i32 = 6;      // '%': every non-NULL value
/** UPPER / LOWER dst <- a (simple case mapping, see case-map.ts). */
export const OP_UPPER: i32 = 71;
export const OP_LOWER: i32 = 72;
/** SUBSTRING dst <- a from b (I32) for c (I32 register, or -1 for the rest). */
export const OP_SUBSTRING: i32 = 73;
/** TRIM dst <- a without spaces; b: 0 both ends, 1 leading, 2 trailing. */
export const OP_TRIM: i32 = 74;
/** CONCAT dst <- a || b. */
export const OP_CONCAT: i32 = 75;
/** CHAR_LENGTH dst(I32) <- code points of a. */
export const OP_CHAR_LENGTH: i32 = 76;
/** REPLACE dst <- a with every b replaced by c. */
export const OP_REPLACE: i32 = 77;
/** POSITION dst(I32) <- 1-based code point position of a in b, 0 when absent. */
export const OP_POSITION: i32 = 78;

// Dictionary regions: the instructions between DICT_BEGIN and DICT_END compute a value that
// depends on one STRING column only. When the batch holds that column dictionary-encoded (and the
// dictionary is not larger than the batch), the region runs once over the dictionary entries
// (plus one NULL entry) at the start of the batch, and each vector maps its codes to the results.
/** DICT_BEGIN dst <- region over column a; b: instructions to skip to pass DICT_END; c: VM kind; d, e: per-batch state. */
export const OP_DICT_BEGIN: i32 = 80;
/** DICT_END dst <- a (the region's result, when the region ran row by row). */
export const OP_DICT_END: i32 = 81;

// Dates and times. The source code c says what a holds: TIME_DATE (days, I32) or the fraction
// digits of a TIMESTAMP (3: epoch ms, 6: epoch µs, I64).
export const TIME_DATE: i32 = 0;
/** EXTRACT dst <- field b of a (c: source); d: VM kind of dst (I32 or I64). */
export const OP_EXTRACT: i32 = 90;
export const F_YEAR: i32 = 0;
export const F_MONTH: i32 = 1;
export const F_DAY: i32 = 2;
export const F_HOUR: i32 = 3;
export const F_MINUTE: i32 = 4;
export const F_SECOND: i32 = 5;
export const F_DOW: i32 = 6;     // 1 = Sunday
export const F_DOY: i32 = 7;
export const F_QUARTER: i32 = 8;
export const F_WEEK: i32 = 9;    // ISO 8601
export const F_EPOCH: i32 = 10;  // seconds
/** DATE_TRUNC dst <- a truncated to unit b (c: source; the result has a's kind). Weeks start on Monday. */
export const OP_DATE_TRUNC: i32 = 91;
export const U_YEAR: i32 = 0;
export const U_QUARTER: i32 = 1;
export const U_MONTH: i32 = 2;
export const U_WEEK: i32 = 3;
export const U_DAY: i32 = 4;
export const U_HOUR: i32 = 5;
export const U_MINUTE: i32 = 6;
export const U_SECOND: i32 = 7;

// Math on doubles.
/** MATH_F64 dst <- function b of a. */
export const OP_MATH_F64: i32 = 92;
export const M_SQRT: i32 = 0;
export const M_LN: i32 = 1;
export const M_EXP: i32 = 2;
export const M_FLOOR: i32 = 3;
export const M_CEIL: i32 = 4;
export const M_SIGN: i32 = 5;
/** POWER dst <- a ^ b. */
export const OP_POWER: i32 = 93;
/** ROUND_F64 dst <- a rounded HALF_UP at b (I32 register) digits. */
export const OP_ROUND_F64: i32 = 94;
/** SIGN_INT dst <- sign of a (VM kind b: I32 or I64) as VM kind c, times 10^d. */
export const OP_SIGN_INT: i32 = 95;

// More Flink built-ins (string-fns.ts, regex.ts, math-fns.ts, date-format.ts; operands there).
export const OP_CONCAT_WS: i32 = 150;
export const OP_SPLIT_INDEX: i32 = 151;
export const OP_PAD: i32 = 152;
export const OP_REPEAT: i32 = 153;
export const OP_REVERSE: i32 = 154;
export const OP_INITCAP: i32 = 155;
export const OP_LEFT_RIGHT: i32 = 156;
export const OP_LOCATE: i32 = 157;
export const OP_ASCII: i32 = 158;
export const OP_CHR: i32 = 159;
export const OP_TRIM_CHARS: i32 = 160;
export const OP_REGEXP: i32 = 161;
export const OP_REGEXP_EXTRACT: i32 = 162;
export const OP_REGEXP_REPLACE: i32 = 163;
export const OP_MATH_FN: i32 = 164;
export const OP_TRUNCATE_F64: i32 = 165;
export const OP_DATE_FORMAT: i32 = 166;
export const OP_DATE_PARSE: i32 = 167;
export const OP_TS_DIFF: i32 = 168;

// DECIMAL(p > 18) on I128 registers (opcodes 100..149; kernels in decimal128-*.ts).
/** WIDEN_I128 dst(I128) <- a (VM kind b: I32 or I64), sign-extended. */
export const OP_WIDEN_I128: i32 = 100;
/** NARROW_I128 dst(I64) <- a(I128) within 10^c (c in 1..18; else the i64 range); d: try. */
export const OP_NARROW_I128: i32 = 101;
/** ARITH_I128 dst <- a (c: AR_ADD, AR_SUB or AR_MOD) b, one scale; d: mode, e: precision bound. */
export const OP_ARITH_I128: i32 = 102;
/** DEC128_MUL dst <- round(a * b / 10^c) half up; d: mode, e: precision bound. */
export const OP_DEC128_MUL: i32 = 103;
/** DEC128_DIV dst <- round(a * 10^c / b) half up (c < 0: divides by b * 10^-c); d: mode, e: precision. */
export const OP_DEC128_DIV: i32 = 104;
/** RESCALE_I128 dst <- a * 10^b (b < 0: divided, rounded by e = ROUND_*); c: precision bound; d: try. */
export const OP_RESCALE_I128: i32 = 105;
/** NEG_I128 / ABS_I128 dst <- -a, |a|. */
export const OP_NEG_I128: i32 = 106;
export const OP_ABS_I128: i32 = 107;
/** CMP_I128 dst(BOOL) <- a (c) b; d: mode. */
export const OP_CMP_I128: i32 = 108;
/** CAST_I128_F64 dst(F64) <- a / 10^b. */
export const OP_CAST_I128_F64: i32 = 109;
/** CAST_F64_I128 dst <- round_half_up(a * 10^b) within 10^c; d: try. */
export const OP_CAST_F64_I128: i32 = 110;
/** CAST_I128_STR dst(STR) <- a rendered with b fraction digits. */
export const OP_CAST_I128_STR: i32 = 111;
/** CAST_STR_I128 dst <- a(STR) parsed at scale b within 10^c; d: try. */
export const OP_CAST_STR_I128: i32 = 112;
/** MUL_I64_I128 dst(I128) <- a(I64) * b(I64) exactly; d: mode, e: precision bound. */
export const OP_MUL_I64_I128: i32 = 113;
