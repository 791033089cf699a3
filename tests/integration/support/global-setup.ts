/**
 * One real PostgreSQL for the whole integration run.
 *
 * TUSK_TEST_DATABASE_URL wins when set; otherwise an embedded cluster is started
 * in a folder under the OS temp dir that persists between runs (warm start).
 * Tests read the URL with `inject('databaseUrl')`.
 */
import { createHash } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { EmbeddedCluster } from '../../../electron/main/services/sandbox/embedded-cluster'
import { embeddedBinaries } from '../../../electron/main/services/sandbox/postgres-binaries'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
  }
}

/** A per-checkout folder for test clusters, reachable by the postgres OS user when run as root. */
export function testClusterRoot(): string {
  const digest = createHash('sha256').update(process.cwd()).digest('hex').slice(0, 10)
  return path.join(os.tmpdir(), `tusk-test-${digest}`)
}

export default async function setup(project: TestProject) {
  const external = process.env.TUSK_TEST_DATABASE_URL
  if (external) {
    project.provide('databaseUrl', external)
    return
  }
  const cluster = new EmbeddedCluster({
    dataDir: path.join(testClusterRoot(), 'shared', 'pgdata'),
    binaries: await embeddedBinaries()
  })
  if (!(await cluster.isInitialised())) await cluster.initialise()
  await cluster.start()
  project.provide('databaseUrl', cluster.url('postgres'))
  return async () => {
    await cluster.stop()
  }
}
