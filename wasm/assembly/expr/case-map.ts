// Simple (one code point to one code point) case mapping for UPPER and LOWER, covering ASCII,
// Latin-1, Latin Extended-A, Greek, Cyrillic and Armenian. Characters outside these blocks, and
// those whose mapping is several characters ('ß' → 'SS', 'ŉ', 'İ' → 'i̇'), are left unchanged:
// full Unicode case mapping needs tables this module does not carry. No mapping makes a
// character's UTF-8 longer, so a result never needs more bytes than its input.

/** Upper case of a code point (simple mapping, within the covered blocks). */
export function toUpperCp(c: u32): u32 {
  if (c < 0x80) return c - 0x61 < 26 ? c - 32 : c;
  if (c < 0x100) {
    if (c == 0xB5) return 0x39C;                       // µ → Μ
    if (c == 0xFF) return 0x178;                       // ÿ → Ÿ
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
    return c;
  }
  if (c < 0x180) {
    if (c == 0x131) return 0x49;                       // ı → I
    if (c == 0x17F) return 0x53;                       // ſ → S
    if (c == 0x149 || c == 0x130 || c == 0x138) return c;
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c & ~1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) == 0 ? c - 1 : c;
    return c;
  }
  if (c >= 0x370 && c < 0x400) {
    if (c == 0x3AC) return 0x386;
    if (c >= 0x3AD && c <= 0x3AF) return c - 37;
    if (c == 0x3C2) return 0x3A3;                      // final sigma
    if (c >= 0x3B1 && c <= 0x3CB) return c - 32;
    if (c == 0x3CC) return 0x38C;
    if (c == 0x3CD || c == 0x3CE) return c - 63;
    return c;
  }
  if (c >= 0x400 && c < 0x530) {
    if (c >= 0x430 && c <= 0x44F) return c - 32;
    if (c >= 0x450 && c <= 0x45F) return c - 80;
    if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F)) return c & ~1;
    if (c == 0x4CF) return 0x4C0;
    if (c >= 0x4C1 && c <= 0x4CE) return (c & 1) == 0 ? c - 1 : c;
    return c;
  }
  if (c >= 0x561 && c <= 0x586) return c - 48;        // Armenian
  return c;
}

/** Lower case of a code point (simple mapping, within the covered blocks). */
export function toLowerCp(c: u32): u32 {
  if (c < 0x80) return c - 0x41 < 26 ? c + 32 : c;
  if (c < 0x100) return c >= 0xC0 && c <= 0xDE && c != 0xD7 ? c + 32 : c;
  if (c < 0x180) {
    if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F) return c;
    if (c == 0x178) return 0xFF;                       // Ÿ → ÿ
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c | 1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) != 0 ? c + 1 : c;
    return c;
  }
  if (c >= 0x370 && c < 0x400) {
    if (c == 0x386) return 0x3AC;
    if (c >= 0x388 && c <= 0x38A) return c + 37;
    if (c == 0x38C) return 0x3CC;
    if (c == 0x38E || c == 0x38F) return c + 63;
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
    return c;
  }
  if (c >= 0x400 && c < 0x530) {
    if (c >= 0x410 && c <= 0x42F) return c + 32;
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F)) return c | 1;
    if (c == 0x4C0) return 0x4CF;
    if (c >= 0x4C1 && c <= 0x4CE) return (c & 1) != 0 ? c + 1 : c;
    return c;
  }
  if (c >= 0x531 && c <= 0x556) return c + 48;        // Armenian
  return c;
}
