#!/usr/bin/env node
/**
 * `npm start`: build, then launch the desktop app — or, where no Electron binary can be had,
 * say so in one line and start the web host instead.
 *
 * npm never runs Electron's own installer (package.json `allowScripts` refuses it: offline it fails
 * the whole install). So the binary is fetched here, once per start while it is missing, with a time
 * limit; offline that fails at once and the web host opens in the system browser.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const fetchLimitMs = 5 * 60_000

function electronBinary() {
  try {
    const binary = require('electron') // the package exports the binary's path, and throws when it is missing
    return typeof binary === 'string' && existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

/** Runs Electron's own installer; resolves to null when the binary is there, else a one-line reason. */
function fetchElectronBinary() {
  const installer = path.join(root, 'node_modules', 'electron', 'install.js')
  if (!existsSync(installer)) return 'the electron package is not installed'
  console.log('Fetching the desktop runtime (once)…')
  const { ELECTRON_SKIP_BINARY_DOWNLOAD: _skip, ...env } = process.env
  const result = spawnSync(process.execPath, [installer], { cwd: path.dirname(installer), env, encoding: 'utf8', timeout: fetchLimitMs })
  if (result.error) return result.error.code === 'ETIMEDOUT' ? `no download within ${fetchLimitMs / 60_000} minutes` : result.error.message
  if (result.status === 0 && electronBinary()) return null
  const firstError = `${result.stderr}`.split('\n').find((line) => /error/i.test(line))
  return (firstError ?? `the installer exited with ${result.status}`).trim().replace(/^\w*Error: /, '')
}

/** The system's way to open a URL, where there is one (never in CI or without a terminal). */
function openInBrowser(url) {
  if (!process.stdout.isTTY || process.env.CI) return
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]]
  const opener = spawn(command, args, { stdio: 'ignore', detached: true })
  opener.on('error', () => undefined) // no browser here: the printed URL is enough
  opener.unref()
}

function run(command, args, { onLine } = {}) {
  const child = spawn(command, args, { cwd: root, stdio: ['inherit', onLine ? 'pipe' : 'inherit', 'inherit'] })
  if (onLine) {
    let pending = ''
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk)
      pending += chunk.toString()
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      lines.forEach(onLine)
    })
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
  cwd: root,
  stdio: 'inherit'
})
if (build.status !== 0) process.exit(build.status ?? 1)

let binary = electronBinary()
let reason = null
if (!binary) {
  reason = fetchElectronBinary()
  binary = electronBinary()
}
if (binary) {
  run(binary, [root, ...process.argv.slice(2)])
} else {
  console.log(`No Electron binary is installed (${reason}); starting the web host instead.`)
  run(process.execPath, [path.join(root, 'out', 'main', 'web.js'), ...process.argv.slice(2)], {
    onLine: (line) => {
      const url = /Tusk is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(line)?.[1]
      if (url) openInBrowser(url)
    }
  })
}
