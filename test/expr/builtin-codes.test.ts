import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DF } from '../../engine/logical/datetime-pattern.js';
import { RX, RXA } from '../../engine/logical/regex-pattern.js';

/** `const NAME: i32 = N;` declarations of an AssemblyScript file, by prefix. */
function constants(file: string, prefix: string): Record<string, number> {
  const src = readFileSync(new URL(`../../wasm/assembly/expr/${file}`, import.meta.url), 'utf8');
  const out: Record<string, number> = {};
  for (const m of src.matchAll(/const (\w+): i32 = (-?\d+);/g)) if (m[1]!.startsWith(prefix)) out[m[1]!.slice(prefix.length)] = Number(m[2]);
  return out;
}

describe('the codes the built-in compilers share with their kernels', () => {
  it('regex instructions and assertions agree with wasm/assembly/expr/regex.ts', () => {
    expect(constants('regex.ts', 'RX_')).toEqual({ ...RX });
    const kernel = constants('regex.ts', 'RXA_');
    for (const [k, v] of Object.entries(kernel)) expect(RXA[k as keyof typeof RXA], k).toBe(v);
    // END_INPUT_Z shares the kernel's default branch with END_LINE.
    expect(Object.keys(RXA).filter((k) => !(k in kernel))).toEqual(['END_INPUT_Z']);
  });

  it('date-time pattern fields agree with wasm/assembly/expr/date-format.ts', () => {
    expect(constants('date-format.ts', 'DF_')).toEqual({ ...DF });
  });
});
