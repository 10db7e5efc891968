/**
 * Output column names made unique as Flink (Calcite) does: a repeated name gets the first free
 * numeric suffix, counting from 0 (`id`, `id0`, `id1`), so results keep every column addressable.
 */
export function uniqueOutputNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((n) => {
    let name = n;
    for (let k = 0; used.has(name); k++) name = `${n}${k}`;
    used.add(name);
    return name;
  });
}
