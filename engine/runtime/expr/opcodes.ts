/**
 * Opcodes and operand codes of the WASM expression VM, mirrored from
 * wasm/assembly/expr/opcodes.ts (test/expr/opcodes.test.ts checks that both agree). See there for
 * the operands of each instruction.
 */
export const OP = {
  LOAD: 1,
  CONST: 2,
  ARITH_I32: 10,
  ARITH_I64: 11,
  ARITH_F64: 12,
  NEG_I32: 13,
  NEG_I64: 14,
  NEG_F64: 15,
  ABS_I32: 16,
  ABS_I64: 17,
  ABS_F64: 18,
  DEC_MUL: 19,
  DEC_DIV: 20,
  RESCALE: 21,
  CMP_BOOL: 30,
  CMP_I32: 31,
  CMP_I64: 32,
  CMP_F64: 33,
  CMP_STR: 34,
  AND: 40,
  OR: 41,
  NOT: 42,
  IS_NULL: 43,
  IS_NOT_NULL: 44,
  IS_TRUE: 45,
  IS_FALSE: 46,
  IS_NOT_TRUE: 47,
  IS_NOT_FALSE: 48,
  CAST_I32_I64: 50,
  CAST_I64_I32: 51,
  CAST_RANGE_I32: 52,
  CAST_TO_F64: 53,
  CAST_F64_INT: 54,
  CAST_F64_DEC: 55,
  FROUND: 56,
  CAST_TO_BOOL: 57,
  CAST_BOOL_TO: 58,
  TS_TO_DATE: 59,
  SELECT: 60,
  IN: 61,
  CAST_TO_STR: 62,
  CAST_FROM_STR: 63,
  LIKE: 70,
  UPPER: 71,
  LOWER: 72,
  SUBSTRING: 73,
  TRIM: 74,
  CONCAT: 75,
  CHAR_LENGTH: 76,
  REPLACE: 77,
  POSITION: 78,
  DICT_BEGIN: 80,
  DICT_END: 81,
  EXTRACT: 90,
  DATE_TRUNC: 91,
  MATH_F64: 92,
  POWER: 93,
  ROUND_F64: 94,
  SIGN_INT: 95,
  CONCAT_WS: 150,
  SPLIT_INDEX: 151,
  PAD: 152,
  REPEAT: 153,
  REVERSE: 154,
  INITCAP: 155,
  LEFT_RIGHT: 156,
  LOCATE: 157,
  ASCII: 158,
  CHR: 159,
  TRIM_CHARS: 160,
  REGEXP: 161,
  REGEXP_EXTRACT: 162,
  REGEXP_REPLACE: 163,
  MATH_FN: 164,
  TRUNCATE_F64: 165,
  DATE_FORMAT: 166,
  DATE_PARSE: 167,
  TS_DIFF: 168,
  // DECIMAL(p > 18) on I128 registers: 100..149.
  WIDEN_I128: 100,
  NARROW_I128: 101,
  ARITH_I128: 102,
  DEC128_MUL: 103,
  DEC128_DIV: 104,
  RESCALE_I128: 105,
  NEG_I128: 106,
  ABS_I128: 107,
  CMP_I128: 108,
  CAST_I128_F64: 109,
  CAST_F64_I128: 110,
  CAST_I128_STR: 111,
  CAST_STR_I128: 112,
  MUL_I64_I128: 113,
} as const;

/** Source codes of date/time instructions: DATE, or a TIMESTAMP's fraction digits (3 or 6). */
export const TIME_DATE = 0;

/** EXTRACT fields. */
export const FIELD = {
  YEAR: 0, MONTH: 1, DAY: 2, HOUR: 3, MINUTE: 4, SECOND: 5, DOW: 6, DOY: 7, QUARTER: 8, WEEK: 9, EPOCH: 10,
} as const;

/** DATE_TRUNC units. */
export const UNIT = { YEAR: 0, QUARTER: 1, MONTH: 2, WEEK: 3, DAY: 4, HOUR: 5, MINUTE: 6, SECOND: 7 } as const;

/** MATH_F64 functions. */
export const MATH = { SQRT: 0, LN: 1, EXP: 2, FLOOR: 3, CEIL: 4, SIGN: 5 } as const;

/** Forms of LIKE. */
export const LIKE = { EXACT: 0, PREFIX: 1, SUFFIX: 2, CONTAINS: 3, GENERAL: 4, DYNAMIC: 5, ANY: 6 } as const;

/** Flags of IN. */
export const IN_FLAGS = { HAS_NULL: 1, HAS_NAN: 2 } as const;

/** Type codes of string casts. */
export const ST = { BOOL: 1, INT: 2, BIGINT: 3, DECIMAL: 4, DOUBLE: 5, FLOAT: 6, DATE: 7, TIMESTAMP: 8 } as const;

/** Operand modes of binary arithmetic and comparisons. */
export const MODE = { VV: 0, VS: 1, SV: 2 } as const;

/** Arithmetic sub-operations. */
export const AR = { ADD: 0, SUB: 1, MUL: 2, DIV: 3, MOD: 4 } as const;

/** Comparison sub-operations. */
export const CMP = { EQ: 0, NE: 1, LT: 2, LE: 3, GT: 4, GE: 5, DISTINCT: 6, NOT_DISTINCT: 7 } as const;

/** Rounding of RESCALE when it divides. */
export const ROUND = { HALF_UP: 0, TRUNC: 1, FLOOR: 2, CEIL: 3 } as const;

/** Result ranges of I32 arithmetic. */
export const RANGE = { INT: 0, SMALLINT: 1, TINYINT: 2 } as const;
