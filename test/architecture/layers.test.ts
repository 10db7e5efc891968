import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

// ARCHITECTURE.md §7: imports go downward only. This reads every import line and checks it.
const root = resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const spec = m[1] ?? m[2]!;
    if (spec.startsWith('.')) out.push(relative(root, resolve(dirname(file), spec)));
  }
  return out;
}

const PLANNING = ['engine/sql', 'engine/logical', 'engine/optimizer', 'engine/physical', 'engine/graph', 'engine/types'];

describe('layering', () => {
  it('wasm/ imports only wasm/', () => {
    for (const f of files(join(root, 'wasm/assembly'))) {
      for (const target of importsOf(f)) expect(target, `${relative(root, f)} imports ${target}`).toMatch(/^wasm\//);
    }
  });

  it('bindings/ never imports engine/', () => {
    for (const f of files(join(root, 'bindings'))) {
      for (const target of importsOf(f)) expect(target, `${relative(root, f)} imports ${target}`).toMatch(/^bindings\//);
    }
  });

  it('planning folders never import runtime/, state/ or bindings/', () => {
    for (const dir of PLANNING) {
      let list: string[] = [];
      try { list = files(join(root, dir)); } catch { continue; }
      for (const f of list) {
        for (const target of importsOf(f)) {
          expect(target, `${relative(root, f)} imports ${target}`).not.toMatch(/^(engine\/runtime|engine\/state|bindings)\//);
        }
      }
    }
  });

  it('engine/ never imports test/ or bench/', () => {
    for (const f of files(join(root, 'engine'))) {
      for (const target of importsOf(f)) expect(target, `${relative(root, f)} imports ${target}`).not.toMatch(/^(test|bench)\//);
    }
  });
});
