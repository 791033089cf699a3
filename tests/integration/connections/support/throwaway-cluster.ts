/**
 * A real PostgreSQL of the test's own, in a fresh folder, gone afterwards.
 *
 * Connection tests stop, restart and reconfigure their server, so they never
 * use the shared one; and a fresh folder per run means two runs of the suite
 * (two engineers, one checkout) cannot stop each other's servers. Settings
 * keep it lean: little memory, no fsync, few connections.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { EmbeddedCluster, freePort } from '../../../../electron/core/services/sandbox/embedded-cluster'
import { embeddedBinaries } from '../../../../electron/core/services/sandbox/postgres-binaries'
import { testClusterRoot } from '../../support/global-setup'

const leanSettings = {
  max_connections: '25',
  shared_buffers: '16MB',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  autovacuum: 'off'
}

export interface ThrowawayCluster {
  cluster: EmbeddedCluster
  port: number
  dataDir: string
  /** Run SQL as superuser over the private Unix socket (works whatever pg_hba.conf says about TCP). */
  sql<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>
  /** A login role with a known password that survives restarts (the superuser's changes at each start). */
  ensureRole(name: string, password: string, extra?: string): Promise<void>
  dispose(): Promise<void>
}

export async function startThrowawayCluster(
  name: string,
  options: { settings?: Record<string, string>; hbaLines?: string[]; beforeStart?: (dataDir: string) => void | Promise<void> } = {}
): Promise<ThrowawayCluster> {
  const root = testClusterRoot()
  mkdirSync(root, { recursive: true })
  const folder = mkdtempSync(path.join(root, `${name}-`))
  // As root, the server runs as the postgres OS user, who must be able to enter the folder.
  chmodSync(folder, 0o755)
  const dataDir = path.join(folder, 'pgdata')
  const port = await freePort()
  const cluster = new EmbeddedCluster({
    dataDir,
    binaries: await embeddedBinaries(),
    port,
    settings: { ...leanSettings, ...options.settings },
    ...(options.hbaLines ? { hbaLines: options.hbaLines } : {})
  })
  await cluster.initialise()
  await options.beforeStart?.(dataDir)
  await cluster.start()

  const sql = async <R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R[]> => {
    const client = cluster.socketClient('postgres')
    await client.connect()
    try {
      return (await client.query<R>(text, values)).rows
    } finally {
      await client.end()
    }
  }
  return {
    cluster,
    port,
    dataDir,
    sql,
    ensureRole: async (role, password, extra = '') => {
      const quotedRole = `"${role.replace(/"/g, '""')}"`
      const quotedPassword = `'${password.replace(/'/g, "''")}'`
      const exists = await sql('select 1 from pg_roles where rolname = $1', [role])
      await sql(`${exists.length ? 'alter' : 'create'} role ${quotedRole} login password ${quotedPassword} ${extra}`)
    },
    dispose: async () => {
      await cluster.stop().catch(() => undefined)
      rmSync(folder, { recursive: true, force: true })
    }
  }
}

/** Poll until `ok(read())`, or fail with the last value seen. */
export async function until<T>(read: () => T, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = read()
    if (ok(value)) return value
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
