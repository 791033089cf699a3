/**
 * One real PostgreSQL for the whole integration run.
 *
 * TUSK_TEST_DATABASE_URL wins when set; otherwise an embedded cluster is started
 * in a folder under the OS temp dir that persists between runs (warm start).
 * Tests read the URL with `inject('databaseUrl')`.
 */
import { createHash } from 'node:crypto'
import { rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { EmbeddedCluster } from '../../../electron/main/services/sandbox/embedded-cluster'
import { embeddedBinaries, systemBinaries } from '../../../electron/main/services/sandbox/postgres-binaries'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
    /** A server of another major version (Debian's PostgreSQL 15) when installed; '' otherwise. */
    secondDatabaseUrl: string
  }
}

/** Debian's PostgreSQL 15, or TUSK_TEST_SECOND_PG_BIN. */
const secondServerBin = process.env.TUSK_TEST_SECOND_PG_BIN ?? '/usr/lib/postgresql/15/bin'

/** A per-checkout folder for test clusters, reachable by the postgres OS user when run as root. */
export function testClusterRoot(): string {
  const digest = createHash('sha256').update(process.cwd()).digest('hex').slice(0, 10)
  return path.join(os.tmpdir(), `tusk-test-${digest}`)
}

export default async function setup(project: TestProject) {
  const second = await startSecondServer()
  project.provide('secondDatabaseUrl', second?.url ?? '')
  const external = process.env.TUSK_TEST_DATABASE_URL
  if (external) {
    project.provide('databaseUrl', external)
    return () => second?.stop()
  }
  // A fresh cluster per run (initdb takes under a second): runs never share
  // state, and two runs in one checkout cannot stop each other's server.
  const runDir = path.join(testClusterRoot(), `run-${process.pid}`)
  const cluster = new EmbeddedCluster({ dataDir: path.join(runDir, 'pgdata'), binaries: await embeddedBinaries() })
  await cluster.initialise()
  await cluster.start()
  project.provide('databaseUrl', cluster.url('postgres'))
  return async () => {
    await cluster.stop()
    await rm(runDir, { recursive: true, force: true })
    await second?.stop()
  }
}

async function startSecondServer(): Promise<{ url: string; stop: () => Promise<void> } | null> {
  const binaries = systemBinaries(secondServerBin)
  if (!binaries) return null
  const runDir = path.join(testClusterRoot(), `second-${process.pid}`)
  const cluster = new EmbeddedCluster({ dataDir: path.join(runDir, 'pgdata'), binaries })
  await cluster.initialise()
  await cluster.start()
  return {
    url: cluster.url('postgres'),
    stop: async () => {
      await cluster.stop()
      await rm(runDir, { recursive: true, force: true })
    }
  }
}
