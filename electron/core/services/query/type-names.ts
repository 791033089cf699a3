import type pg from 'pg'
import type { ResultField } from '@shared/query/query-result'

/** Type names per pool: one pg_type lookup per new type, not per query. */
export class TypeNames {
  private readonly byPool = new WeakMap<pg.Pool, Map<number, string>>()

  /**
   * `via` runs the lookup: pass the client already held, so a pool of size one
   * never waits for itself; the cache is per pool (per server).
   */
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
