/**
 * The composition root shared by every host.
 *
 * Electron's main process (electron/main), the web host (electron/web) and the
 * tests all build the same core: services wired together, one handler per
 * contract request, one event hub. This is the only file that knows every
 * service; services never import each other, they get what they need here.
 * Hosts only add a transport and a SecretStore; none holds logic of its own.
 */
import path from 'node:path'
import { sandboxConnectionId } from '@shared/sandbox/sandbox-status'
import { AppError } from '@shared/base/app-error'
import type { AppInfo } from '@shared/app/app-info'
import { EventHub } from './rpc/event-hub'
import { Router, type RequestHandlers } from './rpc/router'
import { ConnectionService } from './services/connections/connection-service'
import { ActivityService } from './services/activity/activity-service'
import { AdviceService } from './services/advice/advice-service'
import { ExplainService } from './services/explain/explain-service'
import { JoinsService } from './services/joins/joins-service'
import { BlockingScenario } from './services/locks/blocking-scenario'
import { lockGraphReader } from './services/locks/lock-snapshot-reader'
import { StatementLockProbe } from './services/locks/statement-lock-probe'
import { QueryHistory } from './services/query/query-history'
import { TransactionSessions } from './services/query/transaction-sessions'
import { ResultExporter, type ExportDownload } from './services/query/result-export'
import { QueryRunService } from './services/query/query-run-service'
import { QueryService } from './services/query/query-service'
import { SandboxService } from './services/sandbox/sandbox-service'
import { SchemaService } from './services/schema/schema-service'
import { VacuumService } from './services/vacuum/vacuum-service'
import type { SecretStore } from './services/secrets/secret-store'
import { openExternalUrl } from './app/open-external'

export interface AppCoreOptions {
  dataDir: string
  secrets: SecretStore
  transport: AppInfo['transport']
  version: string
  /** Folder holding `sandbox/*.sql` (differs between dev and packaged builds). */
  resourcesDir?: string
  /** Start the sandbox and open it when no other connection is configured (default true). */
  autoStartSandbox?: boolean
  /** Asks the user where to save an export (the desktop app's save dialog); absent: the data dir's exports/. */
  chooseSavePath?: (suggestedName: string) => Promise<string | null>
  /** The web host: exports become browser downloads (`takeExportDownload`) instead of files in the data dir. */
  browserDownloads?: boolean
  /** Opens an http(s) URL in the user's browser; absent in the web host. */
  openExternal?: (url: string) => Promise<void>
  /** Check every result and event against the contract (source checkouts and tests; off in a packaged app). */
  validateOutput?: boolean
  log?: (message: string) => void
}

export interface AppCore {
  router: Router
  hub: EventHub
  connections: ConnectionService
  sandbox: SandboxService
  /** A finished export's file for the web host to send once, or null (unknown, taken, expired). */
  takeExportDownload(exportId: string): ExportDownload | null
  /** Stop everything: pools closed, sandbox server stopped. Safe to call twice. */
  dispose(): Promise<void>
}

export function createAppCore(options: AppCoreOptions): AppCore {
  const log = options.log ?? (() => {})
  const hub = new EventHub(options.validateOutput, (name, problem) => log(`event ${name} breaks the contract: ${problem}`))
  const sandbox = new SandboxService({
    rootDir: path.join(options.dataDir, 'sandbox'),
    resourcesDir: options.resourcesDir,
    onStatus: (status) => hub.publish('sandbox.status', status)
  })
  const connections = new ConnectionService({
    dataDir: options.dataDir,
    secrets: options.secrets,
    sandbox: {
      ensureReady: async () => {
        await sandbox.start()
        const info = sandbox.connectionInfo()
        if (!info) throw new AppError({ code: 'sandbox/not-ready', message: sandbox.status().message || 'The sandbox database is not running' })
        return info
      }
    },
    onChange: (list) => hub.publish('connections.changed', list)
  })
  // The one PoolProvider: every service below gets its sessions, and reports their failures, through it.
  const pools = connections
  const query = new QueryService({ pools })
  const activity = new ActivityService({
    pools,
    readLocks: lockGraphReader,
    publish: (update) => hub.publish('activity.update', update),
    hasListeners: () => hub.hasListeners('activity.update')
  })
  // Nobody looking at activity: the watchers pause, and the server is left alone.
  hub.onListenerChange((name) => name === 'activity.update' && activity.listenersChanged())
  const scenario = new BlockingScenario({ pools })
  const lockProbe = new StatementLockProbe({ pools })
  const schema = new SchemaService({ pools })
  const vacuum = new VacuumService({ pools })
  const history = new QueryHistory(options.dataDir)
  const sessions = new TransactionSessions({ pools, publish: (state) => hub.publish('session.changed', state) })
  const explains = new ExplainService({ pools })
  const advice = new AdviceService({ pools, publishProgress: (progress) => hub.publish('advice.applyProgress', progress) })
  const joins = new JoinsService({ pools })
  const runs = new QueryRunService({
    pools,
    sessions,
    publish: (snapshot) => hub.publish('query.progress', snapshot),
    onStatementFinished: (connectionId, sql, result) => {
      if (result.status === 'pending' || result.status === 'running' || result.status === 'skipped') return
      const name = connections.list().find((c) => c.profile.id === connectionId)?.profile.name ?? connectionId
      history.record({ at: Date.now(), connectionId, connectionName: name, sql, status: result.status, command: result.command, rowCount: result.rowCount, durationMs: result.durationMs })
    }
  })
  const exporter = new ResultExporter({
    pools,
    exportDir: path.join(options.dataDir, 'exports'),
    chooseSavePath: options.chooseSavePath,
    browserDownloads: options.browserDownloads,
    publish: (progress) => hub.publish('export.progress', progress)
  })

  const handlers: RequestHandlers = {
    'app.info': () => ({
      version: options.version,
      transport: options.transport,
      platform: process.platform,
      secretBackend: options.secrets.backend,
      secretsProtected: options.secrets.protectsAtRest,
      dataDir: options.dataDir
    }),
    'app.openExternal': async ({ url }) => {
      if (!options.openExternal) return { opened: false }
      return { opened: await openExternalUrl(url, options.openExternal) }
    },
    'connections.list': () => connections.list(),
    'connections.save': (input) => connections.save(input),
    'connections.delete': ({ id }) => connections.delete(id),
    'connections.test': (input) => connections.test(input),
    'connections.open': ({ id, password }) => connections.open(id, password),
    'connections.close': ({ id }) => connections.close(id),
    'connections.setReadOnly': ({ id, readOnly }) => connections.setReadOnly(id, readOnly),
    'sandbox.status': () => sandbox.status(),
    'sandbox.start': () => sandbox.start(),
    'sandbox.details': ({ revealPassword }) => sandbox.details(revealPassword),
    'sandbox.reset': () => sandbox.reset(),
    'query.run': (input) => query.run(input),
    'query.start': (input) => runs.start(input),
    'query.cancel': ({ runId }) => runs.cancel(runId),
    'query.snapshot': ({ runId }) => ({ run: runs.snapshot(runId) ?? null }),
    'query.page': (input) => runs.page(input),
    'query.release': ({ runId }) => runs.release(runId),
    'export.start': (input) => exporter.start(input),
    'export.cancel': ({ exportId }) => exporter.cancel(exportId),
    'session.open': ({ connectionId }) => sessions.open(connectionId),
    'session.end': ({ sessionId, action }) => sessions.end(sessionId, action),
    'activity.watch': ({ connectionId, intervalMs }) => activity.watch(connectionId, intervalMs),
    'activity.unwatch': ({ connectionId }) => activity.unwatch(connectionId),
    'activity.signal': ({ connectionId, pid, action }) => activity.signal(connectionId, pid, action),
    'locks.scenario': ({ connectionId, action }) => (action === 'start' ? scenario.start(connectionId) : scenario.stop(connectionId)),
    'locks.probeStatement': (input) => lockProbe.probe(input),
    // The plan and its advice in one answer, so the advice panel opens with the plan.
    'explain.run': async ({ connectionId, ...input }) => {
      const result = await explains.run(connectionId, input)
      const items = await advice.forPlan(connectionId, result.planJson).catch((error: unknown) => {
        log(`advice for an explain failed: ${error instanceof Error ? error.message : String(error)}`)
        return []
      })
      return { ...result, advice: items }
    },
    'advice.plan': async ({ planText, connectionId }) => ({ advice: await advice.forPlan(connectionId ?? null, planText) }),
    'advice.verifyMethod': ({ connectionId, item }) => advice.verifyMethod(connectionId, item),
    'advice.verify': ({ connectionId, ...input }) => advice.verify(connectionId, input),
    'advice.apply': ({ connectionId, item }) => advice.apply(connectionId, item),
    'advice.indexHealth': ({ connectionId, schema: schemaName }) => advice.indexHealth(connectionId, schemaName ?? null),
    'vacuum.report': ({ connectionId }) => vacuum.report(connectionId),
    'vacuum.running': ({ connectionId }) => vacuum.running(connectionId),
    'vacuum.run': (input) => vacuum.run(input),
    'vacuum.bloat': ({ connectionId }) => vacuum.bloat(connectionId),
    'vacuum.indexBloat': ({ connectionId }) => vacuum.indexBloat(connectionId),
    'vacuum.exactBloat': (input) => vacuum.exactBloat(input),
    'vacuum.mvccDemo': ({ connectionId, action }) => vacuum.mvccDemo(connectionId, action),
    'joins.steps': ({ connectionId, ...input }) => joins.steps(connectionId, input),
    'explain.cancel': ({ explainId }) => explains.cancel(explainId),
    'history.list': ({ search, limit }) => history.list(search, limit),
    'schema.tree': ({ connectionId }) => schema.tree(connectionId),
    'schema.table': ({ connectionId, schema: schemaName, name }) => schema.table(connectionId, schemaName, name),
    'schema.completions': ({ connectionId }) => schema.completions(connectionId)
  }
  const router = new Router(handlers, {
    validateOutput: options.validateOutput,
    onError: (name, error) => {
      if (!AppError.is(error)) log(`request ${name} failed: ${error instanceof Error ? error.stack : String(error)}`)
    }
  })

  // With nothing else configured, the app opens connected to the sandbox.
  if (options.autoStartSandbox !== false) {
    const others = connections.list().filter((c) => c.profile.id !== sandboxConnectionId)
    if (others.length === 0) {
      connections.open(sandboxConnectionId).catch((error: unknown) => {
        log(`sandbox did not open: ${error instanceof Error ? error.message : String(error)}`)
      })
    }
  }

  let disposed: Promise<void> | null = null
  return {
    router,
    hub,
    connections,
    sandbox,
    takeExportDownload: (exportId) => exporter.takeDownload(exportId),
    dispose: () =>
      (disposed ??= (async () => {
        await exporter.dispose().catch((error: unknown) => log(`removing export downloads: ${String(error)}`))
        await runs.dispose().catch((error: unknown) => log(`releasing query results: ${String(error)}`))
        await sessions.dispose().catch((error: unknown) => log(`closing transaction sessions: ${String(error)}`))
        await scenario.dispose().catch((error: unknown) => log(`stopping the lock scenario: ${String(error)}`))
        await activity.dispose().catch((error: unknown) => log(`stopping activity watchers: ${String(error)}`))
        await connections.dispose().catch((error: unknown) => log(`closing pools: ${String(error)}`))
        await sandbox.stop().catch((error: unknown) => log(`stopping sandbox: ${String(error)}`))
      })())
  }
}
