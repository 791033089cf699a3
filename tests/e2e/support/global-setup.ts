/**
 * A second real server for the end-to-end tests, with a login role whose
 * password the tests know (the sandbox's own password is per-run and secret).
 * Its URL reaches the specs through process.env.
 */
import path from 'node:path'
import { EmbeddedCluster } from '../../../electron/core/services/sandbox/embedded-cluster'
import { embeddedBinaries } from '../../../electron/core/services/sandbox/postgres-binaries'
import { e2eDataDir } from './e2e-env'

export const e2eRole = { user: 'tusk_e2e', password: 'e2e-secret-pw' }

export default async function globalSetup() {
  const cluster = new EmbeddedCluster({ dataDir: path.join(e2eDataDir, 'e2e-target', 'pgdata'), binaries: await embeddedBinaries() })
  if (!(await cluster.isInitialised())) await cluster.initialise()
  const { port } = await cluster.start()
  const client = cluster.socketClient('postgres')
  await client.connect()
  try {
    const exists = await client.query('select 1 from pg_roles where rolname = $1', [e2eRole.user])
    const role = client.escapeIdentifier(e2eRole.user)
    const password = client.escapeLiteral(e2eRole.password)
    await client.query(`${exists.rowCount ? 'alter' : 'create'} role ${role} login password ${password}`)
  } finally {
    await client.end()
  }
  process.env.TUSK_E2E_TARGET_URL = `postgres://${e2eRole.user}:${e2eRole.password}@127.0.0.1:${port}/postgres`
  return async () => {
    await cluster.stop()
  }
}
