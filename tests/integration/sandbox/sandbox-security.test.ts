/**
 * The sandbox's secrets stay ours: its trust-auth socket lives in a folder no
 * other local user can enter or swap, and its superuser password never reaches
 * the server (a SCRAM verifier does), so not even `log_statement = 'all'`
 * writes it into server.log.
 */
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EmbeddedCluster } from '../../../electron/core/services/sandbox/embedded-cluster'
import { embeddedBinaries } from '../../../electron/core/services/sandbox/postgres-binaries'
import { testClusterRoot } from '../support/global-setup'

const isRoot = process.getuid?.() === 0
let folder: string
let premadeParent: string

beforeAll(() => {
  mkdirSync(testClusterRoot(), { recursive: true })
  folder = mkdtempSync(path.join(testClusterRoot(), 'security-'))
  // As root, the server runs as the postgres OS user, who must be able to enter the folder.
  chmodSync(folder, 0o755)
  premadeParent = mkdtempSync(path.join(os.tmpdir(), 'tusk-premade-'))
  chmodSync(premadeParent, 0o755)
})

afterAll(() => {
  rmSync(folder, { recursive: true, force: true })
  rmSync(premadeParent, { recursive: true, force: true })
})

async function newCluster(name: string, extra: Partial<ConstructorParameters<typeof EmbeddedCluster>[0]> = {}): Promise<EmbeddedCluster> {
  const cluster = new EmbeddedCluster({ dataDir: path.join(folder, name, 'pgdata'), binaries: await embeddedBinaries(), settings: { fsync: 'off', shared_buffers: '16MB' }, ...extra })
  mkdirSync(path.dirname(cluster.dataDir), { recursive: true, mode: 0o755 })
  await cluster.initialise()
  return cluster
}

/** The uid the server runs as: the postgres OS user as root, else us. */
function serverUid(dataDir: string): number {
  return lstatSync(dataDir).uid
}

describe('the socket folder', () => {
  it('is a fresh private folder at each start: unpredictable name, mode 0700, owned by the server user', async () => {
    const cluster = await newCluster('fresh')
    try {
      await cluster.start()
      const first = cluster.socketDir!
      const stat = lstatSync(first)
      expect(path.basename(first)).toMatch(/^tusk-pg-\w{6}$/)
      expect(stat.mode & 0o777).toBe(0o700)
      expect(stat.uid).toBe(serverUid(cluster.dataDir))
      await cluster.stop()
      await cluster.start()
      expect(cluster.socketDir).not.toBe(first)
    } finally {
      await cluster.stop()
    }
  })

  it("a crashed run's folder is removed at the next start", async () => {
    const crashed = await newCluster('crashed', { watchdog: false })
    await crashed.start()
    const left = crashed.socketDir!
    // A new process on the same data dir, as after a crash: it stops the old server and clears its folder.
    const next = new EmbeddedCluster({ dataDir: crashed.dataDir, binaries: await embeddedBinaries() })
    try {
      await next.start()
      expect(existsSync(left)).toBe(false)
      expect(existsSync(next.socketDir!)).toBe(true)
    } finally {
      await next.stop()
    }
  })

  it('a pre-made folder with mode 0777 is refused with a clear message, and left as it was', async () => {
    const cluster = await newCluster('open-mode', { socketDir: path.join(premadeParent, 'open'), watchdog: false })
    const premade = path.join(premadeParent, 'open')
    mkdirSync(premade)
    chmodSync(premade, 0o777)
    if (isRoot) chownSync(premade, serverUid(cluster.dataDir), serverUid(cluster.dataDir))
    await expect(cluster.start()).rejects.toMatchObject({
      data: { code: 'sandbox/unsafe-socket-dir', message: expect.stringMatching(/is not private: its mode is 0777, not 0700.*will not use it/) }
    })
    expect(lstatSync(premade).mode & 0o777).toBe(0o777)
    expect(await cluster.isRunning()).toBe(false)
  })

  it.skipIf(!isRoot)('a pre-made folder owned by another user is refused, and its owner is not changed', async () => {
    const cluster = await newCluster('other-owner', { socketDir: path.join(premadeParent, 'theirs'), watchdog: false })
    const premade = path.join(premadeParent, 'theirs')
    mkdirSync(premade, { mode: 0o700 })
    chownSync(premade, 65534, 65534)
    await expect(cluster.start()).rejects.toMatchObject({
      data: { code: 'sandbox/unsafe-socket-dir', message: expect.stringMatching(/belongs to user id 65534/) }
    })
    expect(lstatSync(premade).uid).toBe(65534)
    expect(await cluster.isRunning()).toBe(false)
  })

  it('a pre-made folder that is private and ours is used', async () => {
    const premade = path.join(premadeParent, 'ours')
    const cluster = await newCluster('ours', { socketDir: premade })
    mkdirSync(premade, { mode: 0o700 })
    if (isRoot) chownSync(premade, serverUid(cluster.dataDir), serverUid(cluster.dataDir))
    try {
      await cluster.start()
      expect(cluster.socketDir).toBe(premade)
    } finally {
      await cluster.stop()
    }
  })
})

describe('the superuser password', () => {
  it("never appears in server.log with log_statement = 'all', across a restart, and still logs in over TCP", async () => {
    const cluster = await newCluster('password-log')
    try {
      await cluster.start()
      const admin = cluster.socketClient('postgres')
      await admin.connect()
      await admin.query("alter system set log_statement = 'all'")
      await admin.end()
      await cluster.stop()
      const { password } = await cluster.start()
      const again = await cluster.start()
      const client = new pg.Client(cluster.url('postgres'))
      await client.connect()
      expect((await client.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }])
      await client.end()

      const log = readFileSync(path.join(cluster.dataDir, 'server.log'), 'utf8')
      // The ALTER ROLE was logged (so the test can see it): with a verifier in it.
      expect(log).toMatch(/statement: ALTER ROLE "postgres" PASSWORD 'SCRAM-SHA-256\$4096:/)
      expect(log).not.toContain(password)
      expect(log).not.toContain(again.password)
    } finally {
      await cluster.stop()
    }
  })
})
