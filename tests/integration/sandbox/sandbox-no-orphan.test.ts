/**
 * No orphaned `postgres`, ever: the app's process is a child here, ended the
 * polite way (SIGTERM: the app stops the server) and the brutal way (SIGKILL:
 * only the watchdog is left to stop it).
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { testClusterRoot } from '../support/global-setup'
import { liveProcessesMentioning, waitForNoProcessMentioning } from '../support/live-processes'

const fixtures = path.join(import.meta.dirname, 'fixtures')

function isLive(pid: number): boolean {
  const stat = `/proc/${pid}/stat`
  if (!existsSync(stat)) return false
  try {
    const text = readFileSync(stat, 'utf8')
    return text.slice(text.lastIndexOf(')') + 2, text.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return false
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (isLive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
  return !isLive(pid)
}

describe('no orphaned postgres', () => {
  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`leaves no postgres process behind when the app gets ${signal}`, async () => {
      // Persistent folders: after the first run on a machine these are warm starts.
      const rootDir = path.join(testClusterRoot(), `sandbox-${signal.toLowerCase()}`)
      const pgdata = path.join(rootDir, 'pgdata')
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(fixtures, 'run-sandbox.ts'), rootDir, path.join(fixtures, 'tiny-dataset')], {
        stdio: ['ignore', 'pipe', 'inherit']
      })
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.once('exit', (code, sig) => resolve({ code, signal: sig }))
      )
      const postmasterPid = await new Promise<number>((resolve, reject) => {
        let out = ''
        child.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString()
          const match = /READY (\d+)/.exec(out)
          if (match) resolve(Number(match[1]))
        })
        void exited.then(({ code }) => reject(new Error(`the sandbox child exited early (${code})`)))
      })
      expect(isLive(postmasterPid)).toBe(true)
      expect(liveProcessesMentioning(pgdata)).toContain(postmasterPid)

      child.kill(signal)
      const end = await exited
      if (signal === 'SIGTERM') expect(end.code).toBe(0) // its handler stopped the server, then exited
      else expect(end.signal).toBe('SIGKILL')
      // The watchdog polls every 0.5 s; a fast shutdown takes well under a second.
      expect(await waitUntilGone(postmasterPid, 10_000)).toBe(true)
      expect(await waitForNoProcessMentioning(pgdata, 5_000)).toEqual([])
    }, 120_000)
  }
})
