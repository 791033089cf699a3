/**
 * The MVCC demo, on the sandbox only (it creates a table): update every row
 * and watch the dead tuples rise and the rows move (new ctid, new xmin), then
 * VACUUM and watch them fall. Counts are flushed before they are read.
 */
import { AppError } from '@shared/base/app-error'
import { sandboxConnectionId } from '@shared/sandbox/sandbox-status'
import type { MvccDemo, MvccDemoAction } from '@shared/vacuum/mvcc-demo'
import { checkOut, connectionError, type PoolProvider } from '../../postgres/pool-provider'

const steps: Record<MvccDemoAction, string[]> = {
  reset: [
    'drop table if exists tusk_mvcc_demo',
    'create table tusk_mvcc_demo (id int primary key, value int not null) with (autovacuum_enabled = false)',
    'insert into tusk_mvcc_demo select g, g * 10 from generate_series(1, 8) g'
  ],
  update: ['update tusk_mvcc_demo set value = value + 1'],
  vacuum: ['vacuum tusk_mvcc_demo'],
  read: []
}

export async function runMvccDemo(pools: PoolProvider, connectionId: string, action: MvccDemoAction): Promise<MvccDemo> {
  if (connectionId !== sandboxConnectionId) throw new AppError({ code: 'vacuum/sandbox-only', message: 'The MVCC demo creates a table: it runs on the sandbox only.' })
  if (pools.isReadOnly(connectionId)) throw new AppError({ code: 'vacuum/read-only', message: 'This connection is read-only: the MVCC demo cannot change rows.' })
  const { client } = await checkOut(pools, connectionId)
  try {
    const exists = (await client.query<{ t: string | null }>("select to_regclass('public.tusk_mvcc_demo')::text as t")).rows[0]!.t !== null
    for (const sql of exists || action === 'reset' ? steps[action] : steps.reset) await client.query(sql)
    // This session's counts reach the shared statistics before they are read (PG 15+).
    await client.query("do $$ begin if current_setting('server_version_num')::int >= 150000 then perform pg_stat_force_next_flush(); end if; end $$")
    const rows = await client.query<MvccDemo['rows'][number]>('select ctid::text as ctid, xmin::text as xmin, xmax::text as xmax, id, value from public.tusk_mvcc_demo order by id')
    const counts = await client.query<{ live: number; dead: number; pages: number }>(
      `select pg_stat_get_live_tuples(c.oid)::float8 as live, pg_stat_get_dead_tuples(c.oid)::float8 as dead,
              (pg_relation_size(c.oid) / current_setting('block_size')::int)::float8 as pages
         from pg_class c where c.oid = 'public.tusk_mvcc_demo'::regclass`
    )
    const c = counts.rows[0]!
    return { rows: rows.rows, liveTuples: c.live, deadTuples: c.dead, pages: c.pages }
  } catch (error) {
    throw connectionError(pools, connectionId, error)
  } finally {
    client.release()
  }
}
