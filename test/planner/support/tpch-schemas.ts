import { DataTypes } from '../../../engine/types/data-type.js';
import { schema, type PlanningTable } from './planning-env.js';

const key = () => DataTypes.INT(false);
const money = () => DataTypes.DECIMAL(15, 2, false);
const text = () => DataTypes.STRING(false);
const date = () => DataTypes.DATE(false);

/**
 * The TPC-H tables Q3, Q5, Q10 and Q18 read, with the column types bench/tpch loads and the row
 * counts of scale factor 1, for plan-shape tests that need no data.
 */
export const TPCH_SF1_TABLES: Record<string, PlanningTable> = {
  region: { schema: schema({ r_regionkey: key(), r_name: text(), r_comment: text() }), rowCount: 5 },
  nation: { schema: schema({ n_nationkey: key(), n_name: text(), n_regionkey: key(), n_comment: text() }), rowCount: 25 },
  supplier: {
    schema: schema({ s_suppkey: key(), s_name: text(), s_address: text(), s_nationkey: key(), s_phone: text(), s_acctbal: money(), s_comment: text() }),
    rowCount: 10_000,
  },
  customer: {
    schema: schema({
      c_custkey: key(), c_name: text(), c_address: text(), c_nationkey: key(), c_phone: text(), c_acctbal: money(),
      c_mktsegment: text(), c_comment: text(),
    }),
    rowCount: 150_000,
  },
  orders: {
    schema: schema({
      o_orderkey: key(), o_custkey: key(), o_orderstatus: text(), o_totalprice: money(), o_orderdate: date(),
      o_orderpriority: text(), o_clerk: text(), o_shippriority: key(), o_comment: text(),
    }),
    rowCount: 1_500_000,
  },
  lineitem: {
    schema: schema({
      l_orderkey: key(), l_partkey: key(), l_suppkey: key(), l_linenumber: key(), l_quantity: money(), l_extendedprice: money(),
      l_discount: money(), l_tax: money(), l_returnflag: text(), l_linestatus: text(), l_shipdate: date(), l_commitdate: date(),
      l_receiptdate: date(), l_shipinstruct: text(), l_shipmode: text(), l_comment: text(),
    }),
    rowCount: 6_001_215,
  },
};
