/**
 * No orphaned `postgres`, ever: the app's process is a child here, ended the
 * polite way (SIGTERM: the app stops the server) and the brutal way (SIGKILL:
 * only the watchdog is left to stop it), also after the server was restarted
 * under it (`pg_ctl restart`, or killed and brought back by the app).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { embeddedBinaries } from '../../../electron/core/services/sandbox/postgres-binaries'
import { isProcessRunning } from '../../../electron/core/services/sandbox/server-watch'
import { testClusterRoot } from '../support/global-setup'
import { liveProcessesMentioning, waitForNoProcessMentioning } from '../support/live-processes'

const fixtures = path.join(import.meta.dirname, 'fixtures')

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (isProcessRunning(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
  return !isProcessRunning(pid)
}

function postmasterPidOf(pgdata: string): number {
  return Number(readFileSync(path.join(pgdata, 'postmaster.pid'), 'utf8').split('\n')[0])
}

/** The app stand-in, with a way to wait for a line of its output. */
function startApp(rootDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(fixtures, 'run-sandbox.ts'), rootDir, path.join(fixtures, 'tiny-dataset')], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, sig) => resolve({ code, signal: sig })))
  let out = ''
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const waitFor = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const deadline = Date.now() + timeoutMs
      const check = () => {
        const match = pattern.exec(out)
        if (match) return resolve(match)
        if (child.exitCode !== null || child.signalCode !== null) return reject(new Error(`the sandbox child exited early (${child.exitCode})`))
        if (Date.now() > deadline) return reject(new Error(`no ${pattern} from the sandbox child; it printed: ${out}`))
        setTimeout(check, 50)
      }
      check()
    })
  return { child, exited, waitFor }
}

async function endApp(child: ChildProcess, exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>, signal: NodeJS.Signals) {
  child.kill(signal)
  const end = await exited
  if (signal === 'SIGTERM') expect(end.code).toBe(0) // its handler stopped the server, then exited
  else expect(end.signal).toBe('SIGKILL')
}

describe('no orphaned postgres', () => {
  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`leaves no postgres process behind when the app gets ${signal}`, async () => {
      // Persistent folders: after the first run on a machine these are warm starts.
      const rootDir = path.join(testClusterRoot(), `sandbox-${signal.toLowerCase()}`)
      const pgdata = path.join(rootDir, 'pgdata')
      const app = startApp(rootDir)
      const postmasterPid = Number((await app.waitFor(/READY (\d+)/))[1])
      expect(isProcessRunning(postmasterPid)).toBe(true)
      expect(liveProcessesMentioning(pgdata)).toContain(postmasterPid)

      await endApp(app.child, app.exited, signal)
      // The watchdog polls every 0.5 s; a fast shutdown takes well under a second.
      expect(await waitUntilGone(postmasterPid, 10_000)).toBe(true)
      expect(await waitForNoProcessMentioning(pgdata, 5_000)).toEqual([])
    }, 120_000)
  }

  it('kill -9 of the app after `pg_ctl restart` of its server leaves no postgres', async () => {
    const rootDir = path.join(testClusterRoot(), 'sandbox-restarted')
    const pgdata = path.join(rootDir, 'pgdata')
    const app = startApp(rootDir)
    await app.waitFor(/READY (\d+)/)
    const first = postmasterPidOf(pgdata)
    // Restarted from outside, as the server's own OS user would, with a slow shutdown: postmaster.pid
    // is missing for 1.5 s (longer than the watchdog's poll, shorter than the app's grace).
    // `pg_ctl restart` of a stopped server starts it with the options it last ran with.
    const owner = statSync(pgdata)
    const pgCtl = (await embeddedBinaries()).pgCtl
    // With a log file and no pipes: the new server would hold them open, and spawnSync would wait forever.
    const asServerUser = { uid: owner.uid, gid: owner.gid, stdio: 'ignore', timeout: 60_000 } as const
    expect(spawnSync(pgCtl, ['stop', '-D', pgdata, '-m', 'fast', '-w'], asServerUser).status).toBe(0)
    await new Promise((r) => setTimeout(r, 1500))
    const restart = spawnSync(pgCtl, ['restart', '-D', pgdata, '-l', path.join(pgdata, 'server.log'), '-m', 'fast', '-w', '-t', '60'], asServerUser)
    expect(restart.status).toBe(0)
    const running = postmasterPidOf(pgdata)
    expect(running).not.toBe(first)
    // Longer than the app's grace for a missing server: it follows the new one instead of restarting it.
    await new Promise((r) => setTimeout(r, 4000))
    expect(postmasterPidOf(pgdata)).toBe(running)
    expect(isProcessRunning(running)).toBe(true)

    await endApp(app.child, app.exited, 'SIGKILL')
    expect(await waitUntilGone(running, 15_000)).toBe(true)
    expect(await waitForNoProcessMentioning(pgdata, 10_000)).toEqual([])
  }, 120_000)

  it('kill -9 of the app after its server was killed and brought back leaves no postgres', async () => {
    const rootDir = path.join(testClusterRoot(), 'sandbox-recovered')
    const pgdata = path.join(rootDir, 'pgdata')
    const app = startApp(rootDir)
    const first = Number((await app.waitFor(/READY (\d+)/))[1])
    process.kill(first, 'SIGKILL')
    await app.waitFor(/RESTARTED 1/)
    const second = postmasterPidOf(pgdata)
    expect(second).not.toBe(first)
    expect(isProcessRunning(second)).toBe(true)

    await endApp(app.child, app.exited, 'SIGKILL')
    expect(await waitUntilGone(second, 15_000)).toBe(true)
    expect(await waitForNoProcessMentioning(pgdata, 10_000)).toEqual([])
    expect(existsSync(path.join(pgdata, 'postmaster.pid'))).toBe(false)
  }, 120_000)
})
