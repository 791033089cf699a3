import type pg from 'pg'
import type { ResultField } from '@shared/query/query-result'

/** Type names per pool: one pg_type lookup per new type, not per query. */
export class TypeNames {
  private readonly byPool = new WeakMap<pg.Pool, Map<number, string>>()

  /**
   * `via` runs the lookup: pass the client already held, so a pool of size one
   * never waits for itself; the cache is per pool (per server).
   */
  /**
   * The names known without asking (built-in types, and types this pool looked up
   * before); others show their oid until `describe` runs after the statement:
   * the session is busy streaming rows until then.
   */
  known(pool: pg.Pool, fields: Array<{ name: string; dataTypeID: number }>): { fields: ResultField[]; complete: boolean } {
    const names = this.byPool.get(pool)
    let complete = true
    const described = fields.map((f) => {
      const typeName = builtinTypes[f.dataTypeID] ?? names?.get(f.dataTypeID)
      if (typeName === undefined) complete = false
      return { name: f.name, dataTypeId: f.dataTypeID, typeName: typeName ?? String(f.dataTypeID) }
    })
    return { fields: described, complete }
  }

  async describe(pool: pg.Pool, fields: Array<{ name: string; dataTypeID: number }>, via: Pick<pg.ClientBase, 'query'> = pool): Promise<ResultField[]> {
    let names = this.byPool.get(pool)
    if (!names) this.byPool.set(pool, (names = new Map()))
    const missing = [...new Set(fields.map((f) => f.dataTypeID).filter((oid) => !names!.has(oid)))]
    if (missing.length > 0) {
      const lookup = await via.query<{ oid: number; typname: string }>('select oid::int, typname from pg_type where oid = any($1::oid[])', [missing])
      for (const row of lookup.rows) names.set(row.oid, row.typname)
    }
    return fields.map((f) => ({ name: f.name, dataTypeId: f.dataTypeID, typeName: names!.get(f.dataTypeID) ?? String(f.dataTypeID) }))
  }
}

/** Built-in types whose oids never change (pg_type.dat). */
const builtinTypes: Record<number, string> = {
  16: 'bool', 17: 'bytea', 18: 'char', 19: 'name', 20: 'int8', 21: 'int2', 23: 'int4', 25: 'text', 26: 'oid', 114: 'json', 142: 'xml',
  700: 'float4', 701: 'float8', 790: 'money', 869: 'inet', 650: 'cidr', 829: 'macaddr', 1042: 'bpchar', 1043: 'varchar', 1082: 'date',
  1083: 'time', 1114: 'timestamp', 1184: 'timestamptz', 1186: 'interval', 1266: 'timetz', 1560: 'bit', 1562: 'varbit', 1700: 'numeric',
  2950: 'uuid', 3802: 'jsonb', 3614: 'tsvector', 3615: 'tsquery', 2249: 'record', 2278: 'void', 705: 'unknown', 1009: '_text', 1007: '_int4',
  1016: '_int8', 3904: 'int4range', 3926: 'int8range', 3912: 'daterange', 3910: 'tstzrange', 24: 'regproc', 2205: 'regclass', 28: 'xid', 27: 'tid',
  3220: 'pg_lsn'
}
