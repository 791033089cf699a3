/**
 * `npm start` where no Electron binary is installed: one line saying so, then
 * the web host, serving the app behind its token.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

function hasElectronBinary(): boolean {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown
    return typeof binary === 'string' && existsSync(binary)
  } catch {
    return false
  }
}

describe('npm start', () => {
  it.skipIf(hasElectronBinary())('falls back to the web host with a one-line explanation when Electron is absent', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tusk-launcher-'))
    const child = spawn(process.execPath, ['electron/launcher.mjs', '--no-sandbox', '--data-dir', dataDir], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed; output so far:\n${output}`)), 90_000)
        child.stdout!.on('data', () => {
          const match = output.match(/Tusk is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/)
          if (match) {
            clearTimeout(timer)
            resolve(match[1]!)
          }
        })
        child.once('exit', (code) => reject(new Error(`launcher exited (${code}):\n${output}`)))
      })
      const explanation = output.split('\n').filter((line) => /Electron/.test(line))
      expect(explanation).toHaveLength(1)
      expect(explanation[0]).toMatch(/No Electron binary.*web host/)
      // As a browser does: the token becomes a cookie, then the app loads with it.
      const login = await fetch(url, { redirect: 'manual' })
      expect(login.status).toBe(303)
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!
      const page = await fetch(new URL('/', url), { headers: { cookie } })
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('<div id="root">')
      expect((await fetch(new URL('/', url))).status).toBe(401)
    } finally {
      child.kill('SIGTERM')
    }
  }, 120_000)
})
