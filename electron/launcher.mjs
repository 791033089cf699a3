#!/usr/bin/env node
/**
 * `npm start`: build, then launch the desktop app — or, where no Electron binary
 * is installed (offline machines cannot download it), say so in one line and
 * start the web host instead.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)

function electronBinary() {
  try {
    const binary = require('electron') // the package exports the binary's path, and throws when it is missing
    return typeof binary === 'string' && existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
  cwd: root,
  stdio: 'inherit'
})
if (build.status !== 0) process.exit(build.status ?? 1)

const binary = electronBinary()
if (binary) {
  run(binary, [root, ...process.argv.slice(2)])
} else {
  console.log('No Electron binary is installed (run `npm run electron:install` where the internet is reachable); starting the web host instead.')
  run(process.execPath, [path.join(root, 'out', 'main', 'web.js'), ...process.argv.slice(2)])
}
