/**
 * The fixed value lists of the TPC-H specification (clause 4.2.2 and 4.2.3): regions, nations
 * with their regions, market segments, order priorities, shipping instructions and modes, and
 * the word lists that part names, types and containers are built from.
 */

/** R_NAME by R_REGIONKEY (0..4). */
export const REGIONS = ['AFRICA', 'AMERICA', 'ASIA', 'EUROPE', 'MIDDLE EAST'] as const;

/** N_NAME and N_REGIONKEY by N_NATIONKEY (0..24). */
export const NATIONS: readonly (readonly [name: string, regionKey: number])[] = [
  ['ALGERIA', 0], ['ARGENTINA', 1], ['BRAZIL', 1], ['CANADA', 1], ['EGYPT', 4],
  ['ETHIOPIA', 0], ['FRANCE', 3], ['GERMANY', 3], ['INDIA', 2], ['INDONESIA', 2],
  ['IRAN', 4], ['IRAQ', 4], ['JAPAN', 2], ['JORDAN', 4], ['KENYA', 0],
  ['MOROCCO', 0], ['MOZAMBIQUE', 0], ['PERU', 1], ['CHINA', 2], ['ROMANIA', 3],
  ['SAUDI ARABIA', 4], ['VIETNAM', 2], ['RUSSIA', 3], ['UNITED KINGDOM', 3], ['UNITED STATES', 1],
];

/** C_MKTSEGMENT values. */
export const SEGMENTS = ['AUTOMOBILE', 'BUILDING', 'FURNITURE', 'MACHINERY', 'HOUSEHOLD'] as const;

/** O_ORDERPRIORITY values. */
export const PRIORITIES = ['1-URGENT', '2-HIGH', '3-MEDIUM', '4-NOT SPECIFIED', '5-LOW'] as const;

/** L_SHIPINSTRUCT values. */
export const SHIP_INSTRUCTIONS = ['DELIVER IN PERSON', 'COLLECT COD', 'NONE', 'TAKE BACK RETURN'] as const;

/** L_SHIPMODE values. */
export const SHIP_MODES = ['REG AIR', 'AIR', 'RAIL', 'SHIP', 'TRUCK', 'MAIL', 'FOB'] as const;

/** The 92 colours P_NAME is made of (five distinct ones per part). */
export const COLORS = (
  'almond antique aquamarine azure beige bisque black blanched blue blush brown burlywood burnished ' +
  'chartreuse chiffon chocolate coral cornflower cornsilk cream cyan dark deep dim dodger drab firebrick ' +
  'floral forest frosted gainsboro ghost goldenrod green grey honeydew hot indian ivory khaki lace ' +
  'lavender lawn lemon light lime linen magenta maroon medium metallic midnight mint misty moccasin ' +
  'navajo navy olive orange orchid pale papaya peach peru pink plum powder puff purple red rose rosy ' +
  'royal saddle salmon sandy seashell sienna sky slate smoke snow spring steel tan thistle tomato ' +
  'turquoise violet wheat white yellow'
).split(' ');

/** P_TYPE is one word of each of these three lists (150 types). */
export const TYPE_SYLLABLES = [
  ['STANDARD', 'SMALL', 'MEDIUM', 'LARGE', 'ECONOMY', 'PROMO'],
  ['ANODIZED', 'BURNISHED', 'PLATED', 'POLISHED', 'BRUSHED'],
  ['TIN', 'NICKEL', 'BRASS', 'STEEL', 'COPPER'],
] as const;

/** P_CONTAINER is one word of each of these two lists (40 containers). */
export const CONTAINER_SYLLABLES = [
  ['SM', 'LG', 'MED', 'JUMBO', 'WRAP'],
  ['CASE', 'BOX', 'BAG', 'JAR', 'PKG', 'PACK', 'CAN', 'DRUM'],
] as const;

/** Every combination of one word per list, joined by spaces, in list order. */
export function combinations(lists: readonly (readonly string[])[]): string[] {
  let out = [''];
  for (const list of lists) out = out.flatMap((prefix) => list.map((w) => (prefix ? `${prefix} ${w}` : w)));
  return out;
}
