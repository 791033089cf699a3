/**
 * `npm run web`: the core (electron/core) without Electron, behind the web host.
 *
 * Prints one URL (with its per-run token) to open in a browser. Passwords stay
 * in memory for this run only: there is no OS keychain without Electron.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createAppCore } from '../core/app-core'
import { defaultDataDir } from '../core/app/data-dir'
import { MemorySecretStore } from '../core/services/secrets/memory-secret-store'
import { startWebHost } from './web-host'

const here = path.dirname(fileURLToPath(import.meta.url))
const repoRoot = path.resolve(here, '..', '..')

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.TUSK_WEB_PORT ?? '0' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      'no-sandbox': { type: 'boolean', default: false }
    }
  })
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir()
  const core = createAppCore({
    dataDir,
    secrets: new MemorySecretStore(),
    transport: 'web',
    version: (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version,
    resourcesDir: path.join(repoRoot, 'resources'),
    autoStartSandbox: !values['no-sandbox'],
    // A browser saves exports as downloads, on the user's side, not in the host's data dir.
    browserDownloads: true,
    // The web host only runs from a source checkout (and under the e2e tests): check answers against the contract.
    validateOutput: true,
    log: (message) => console.error(`[tusk] ${message}`)
  })
  const host = await startWebHost({
    core,
    rendererDir: path.join(repoRoot, 'out', 'renderer'),
    port: Number.parseInt(values.port, 10),
    host: values.host,
    token: process.env.TUSK_WEB_TOKEN || undefined
  })
  // The one line scripts and people look for.
  console.log(`Tusk is running at ${host.url}`)
  console.error(`[tusk] data dir: ${dataDir}`)

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.error(`[tusk] ${signal}: stopping`)
    await host.close()
    await core.dispose()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGHUP', () => void stop('SIGHUP'))
}

main().catch((error: unknown) => {
  console.error(`[tusk] ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
