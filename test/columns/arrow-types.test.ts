import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { exportTable } from '../../bindings/arrow-export.js';
import { importArrow } from '../../bindings/arrow-import.js';
import { Kind } from '../../bindings/column.js';
import { loadWasm } from '../../bindings/node.js';
import { PhysicalKind, fromArrowField, fromArrowSchema, kindOf, toArrowSchema, toArrowType } from '../../engine/types/arrow-types.js';
import { DataTypes, typeToString } from '../../engine/types/data-type.js';
import { TYPE_CASES, cells, makeTable } from './arrow-fixtures.js';

describe('Arrow ⇄ logical types', () => {
  it('mirrors the physical kinds of the bindings', () => {
    expect(PhysicalKind).toEqual(Kind);
  });

  it('names Arrow types with Flink type names', () => {
    const cases: Array<[arrow.DataType, string]> = [
      [new arrow.Int8(), 'TINYINT'], [new arrow.Int16(), 'SMALLINT'], [new arrow.Int32(), 'INT'], [new arrow.Int64(), 'BIGINT'],
      [new arrow.Uint8(), 'SMALLINT'], [new arrow.Uint16(), 'INT'], [new arrow.Uint32(), 'BIGINT'],
      [new arrow.Float32(), 'FLOAT'], [new arrow.Float64(), 'DOUBLE'], [new arrow.Decimal(2, 10, 128), 'DECIMAL(10, 2)'],
      [new arrow.Utf8(), 'STRING'], [new arrow.LargeUtf8(), 'STRING'], [new arrow.Dictionary(new arrow.Utf8(), new arrow.Int8()), 'STRING'],
      [new arrow.Bool(), 'BOOLEAN'], [new arrow.DateDay(), 'DATE'], [new arrow.DateMillisecond(), 'DATE'],
      [new arrow.TimestampSecond(), 'TIMESTAMP(3)'], [new arrow.TimestampMillisecond('UTC'), 'TIMESTAMP(3)'],
      [new arrow.TimestampMicrosecond(), 'TIMESTAMP(6)'], [new arrow.TimestampNanosecond(), 'TIMESTAMP(6)'], [new arrow.Null(), 'NULL'],
    ];
    for (const [t, name] of cases) {
      expect(typeToString(fromArrowField(new arrow.Field('c', t, true)).type), String(t)).toBe(name);
    }
    expect(typeToString(fromArrowField(new arrow.Field('c', new arrow.Int32(), false)).type)).toBe('INT NOT NULL');
    expect(() => fromArrowField(new arrow.Field('u', new arrow.Uint64(), true))).toThrow(/field "u" has Arrow type Uint64/);
    expect(() => fromArrowField(new arrow.Field('h', new arrow.Float16(), true))).toThrow(/field "h"/);
  });

  it('maps logical types to Arrow types and physical kinds', () => {
    expect(String(toArrowType(DataTypes.STRING()))).toBe('Utf8');
    expect(toArrowType(DataTypes.TIMESTAMP(3))).toBeInstanceOf(arrow.TimestampMillisecond);
    expect(toArrowType(DataTypes.TIMESTAMP(6))).toBeInstanceOf(arrow.TimestampMicrosecond);
    expect(toArrowType(DataTypes.DATE())).toBeInstanceOf(arrow.DateDay);
    expect(toArrowType(DataTypes.FLOAT())).toBeInstanceOf(arrow.Float32);
    const dec = toArrowType(DataTypes.DECIMAL(20, 3)) as arrow.Decimal;
    expect([dec.precision, dec.scale, dec.bitWidth]).toEqual([20, 3, 128]);
    expect(kindOf(DataTypes.DECIMAL(18, 2))).toBe(PhysicalKind.I64);
    expect(kindOf(DataTypes.DECIMAL(19, 2))).toBe(PhysicalKind.I128);
    expect(kindOf(DataTypes.TINYINT())).toBe(PhysicalKind.I32);
    expect(kindOf(DataTypes.STRING())).toBe(PhysicalKind.UTF8);
    expect(toArrowSchema({ fields: [{ name: 'x', type: DataTypes.INT(false) }] }).fields[0]!.nullable).toBe(false);
  });

  it('agrees with the importer: kindOf(fromArrowField(f)) is the kind importArrow produces', async () => {
    const w = await loadWasm();
    const table = makeTable(TYPE_CASES, [3], 0, 1);
    const resident = importArrow(w, table);
    const schema = fromArrowSchema(table.schema);
    resident.columns.forEach((c, i) => {
      const planned = kindOf(schema.fields[i]!.type);
      if (c.kind === Kind.DICT) expect(planned, TYPE_CASES[i]!.name).toBe(PhysicalKind.UTF8);
      else expect(c.kind, TYPE_CASES[i]!.name).toBe(planned);
    });
    // A result exported with toArrowSchema of the logical schema keeps every value.
    const out = exportTable(w, [resident], toArrowSchema(schema));
    TYPE_CASES.forEach((tc, i) => {
      if (['Bool', 'Int8', 'Int16', 'Int32', 'Int64', 'Float32', 'Float64', 'Utf8', 'DateDay'].includes(tc.name)) {
        expect(cells(out, i), tc.name).toEqual(cells(table, i));
      }
    });
    expect(cells(out, TYPE_CASES.findIndex((tc) => tc.name === 'LargeUtf8'))).toEqual(cells(table, TYPE_CASES.findIndex((tc) => tc.name === 'LargeUtf8')));
    resident.free();
  });
});
