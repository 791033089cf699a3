/**
 * THE API contract between the renderer and the main process.
 *
 * Every request the renderer can make and every event stream it can listen to is
 * declared here once, with zod schemas. Both transports (Electron IPC and the
 * web host's WebSocket) validate against these same schemas and dispatch to the
 * same handlers, so a wrong name or a wrong argument is a compile error on the
 * client and a validation error on the server.
 */
import { z } from 'zod'
import { connectionInput, idInput, idSchema } from '../base/id-input'
import { activityUpdateSchema } from '../activity/activity-snapshot'
import { adviceItemSchema, applyProgressSchema } from '../advice/advice-item'
import { partitionAncestrySchema } from '../explain/analyse/partition-catalog'
import { indexHealthSchema } from '../advice/index-health'
import { appInfoSchema } from '../app/app-info'
import { connectionDraftSchema, connectionProfileSchema } from '../connections/connection-profile'
import { connectionSummarySchema, connectionTestResultSchema } from '../connections/connection-status'
import { simpleQueryResultSchema } from '../query/query-result'
import { maxPageRows, queryRunProgressSchema, queryRunSnapshotSchema, resultPageSchema } from '../query/query-run'
import { exportFormats, exportProgressSchema } from '../query/result-export'
import { historyEntrySchema } from '../query/query-history'
import { joinStepsSchema } from '../joins/join-model'
import { joinPickSchema } from '../joins/join-pick'
import { statementLocksSchema } from '../locks/statement-locks'
import { transactionSessionSchema } from '../query/transaction-session'
import { sandboxStatusSchema } from '../sandbox/sandbox-status'
import { sandboxDetailsSchema } from '../sandbox/sandbox-details'
import { tableBloatSchema } from '../vacuum/bloat-estimate'
import { exactBloatKinds, exactBloatSchema } from '../vacuum/exact-bloat'
import { indexBloatSchema } from '../vacuum/index-bloat-estimate'
import { mvccDemoActions, mvccDemoSchema } from '../vacuum/mvcc-demo'
import { vacuumModes, vacuumReportSchema, vacuumRunningSchema } from '../vacuum/vacuum-report'
import { completionSchemaSchema } from '../schema/completion-schema'
import { schemaTreeSchema, tableDetailsSchema } from '../schema/schema-tree'
import { maxScriptChars } from './wire'

/** A password typed by the user; never sent back by any request. */
const passwordInput = z.string().max(1024)

function request<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output }
}

export const requests = {
  'app.info': request(z.object({}), appInfoSchema),
  /** Open an http(s) link in the user's browser; anything else is refused. */
  'app.openExternal': request(z.object({ url: z.string().url().max(2048) }), z.object({ opened: z.boolean() })),

  'connections.list': request(z.object({}), z.array(connectionSummarySchema)),
  'connections.save': request(
    z.object({
      /** Absent: create a new profile. */
      id: idSchema.optional(),
      draft: connectionDraftSchema,
      /** undefined: keep the saved password as it is; '' or a value: replace it. */
      password: passwordInput.optional(),
      savePassword: z.boolean()
    }),
    connectionProfileSchema
  ),
  'connections.delete': request(idInput, z.object({ deleted: z.boolean() })),
  /** Test either a draft (with the password typed in the form) or a saved profile. */
  'connections.test': request(
    z.union([
      z.object({ draft: connectionDraftSchema, password: passwordInput.optional() }),
      idInput.extend({ password: passwordInput.optional() })
    ]),
    connectionTestResultSchema
  ),
  'connections.open': request(idInput.extend({ password: passwordInput.optional() }), connectionSummarySchema),
  'connections.close': request(idInput, connectionSummarySchema),
  'connections.setReadOnly': request(idInput.extend({ readOnly: z.boolean() }), connectionSummarySchema),

  'sandbox.status': request(z.object({}), sandboxStatusSchema),
  'sandbox.start': request(z.object({}), sandboxStatusSchema),
  /** The data dir and a psql command line that connects; the password only when asked for. */
  'sandbox.details': request(z.object({ revealPassword: z.boolean().default(false) }), sandboxDetailsSchema),
  /** Drop the sandbox database and seed it again (the UI asks first); progress comes as `sandbox.status`. */
  'sandbox.reset': request(z.object({}), sandboxStatusSchema),

  /** A one-shot query with a row cap (the streamed workspace comes with the SQL issue). */
  'query.run': request(
    connectionInput.extend({
      sql: z.string().min(1).max(1_000_000),
      maxRows: z.number().int().min(1).max(10_000).default(1000)
    }),
    simpleQueryResultSchema
  ),
  /**
   * Run a script (or, with cursorOffset, the statement under the cursor).
   * Returns at once; progress comes as `query.progress` events. UPDATE/DELETE
   * without WHERE fail with `query/needs-confirmation` unless confirmed.
   */
  'query.start': request(
    connectionInput.extend({
      sql: z.string().min(1).max(maxScriptChars),
      cursorOffset: z.number().int().min(0).optional(),
      confirmUnboundedWrites: z.boolean().default(false),
      /** Transaction mode: run in this pinned session, inside its open transaction. */
      sessionId: z.string().max(100).optional()
    }),
    queryRunSnapshotSchema
  ),
  /** The run as it stands now: how a client that lost progress events (a dropped socket) catches up. */
  'query.snapshot': request(z.object({ runId: z.string().max(100) }), z.object({ run: queryRunSnapshotSchema.nullable() })),
  'query.cancel': request(z.object({ runId: z.string().max(100) }), z.object({ cancelled: z.boolean() })),
  /** Rows of one statement's result, read from the main process's spool. */
  'query.page': request(
    z.object({ runId: z.string().max(100), resultIndex: z.number().int().min(0), offset: z.number().int().min(0), limit: z.number().int().min(1).max(maxPageRows) }),
    resultPageSchema
  ),
  /**
   * Write one statement's full result to a file (CSV through COPY, or JSON),
   * streamed in the main process. The main process chooses the file (a save
   * dialog in the desktop app); progress comes as `export.progress`.
   */
  'export.start': request(
    connectionInput.extend({
      sql: z.string().min(1).max(1_000_000),
      format: z.enum(exportFormats),
      /** As query.start: an UPDATE/DELETE without WHERE fails with `query/needs-confirmation` unless confirmed. Refused on read-only connections. */
      confirmUnboundedWrites: z.boolean().default(false)
    }),
    exportProgressSchema
  ),
  'export.cancel': request(z.object({ exportId: z.string().max(100) }), z.object({ cancelled: z.boolean() })),
  /** Transaction mode on: pins a session; its transaction starts with the next statement. */
  'session.open': request(connectionInput, transactionSessionSchema),
  /** Commit or roll back the session's transaction, or close the session (rolling back what is open). */
  'session.end': request(z.object({ sessionId: z.string().max(100), action: z.enum(['commit', 'rollback', 'close']) }), transactionSessionSchema),
  /** Watch a server's activity (pg_stat_activity, rates, lock edges); updates come as `activity.update`. */
  'activity.watch': request(connectionInput.extend({ intervalMs: z.number().int().min(250).max(10_000).default(1000) }), z.object({ watching: z.boolean() })),
  'activity.unwatch': request(connectionInput, z.object({ watching: z.boolean() })),
  /** Cancel a backend's query or terminate it; the server's permission errors are returned as they are. */
  'activity.signal': request(
    connectionInput.extend({ pid: z.number().int().positive(), action: z.enum(['cancel', 'terminate']) }),
    z.object({ signalled: z.boolean() })
  ),
  /** The trainer's blocking chain on the sandbox: start opens the sessions, stop rolls them back. */
  'locks.scenario': request(
    connectionInput.extend({ action: z.enum(['start', 'stop']) }),
    z.object({ running: z.boolean(), pids: z.array(z.number().int()) })
  ),
  /**
   * What a statement locks: it really runs (and may wait, up to lock_timeout)
   * inside BEGIN … ROLLBACK, and its locks are read before the rollback.
   */
  'locks.probeStatement': request(
    connectionInput.extend({
      sql: z.string().min(1).max(1_000_000),
      cursorOffset: z.number().int().min(0).optional(),
      /** Calls a rollback cannot undo (nextval, dblink…) fail with `query/effects-need-confirmation` unless confirmed. */
      confirmEffects: z.boolean().default(false)
    }),
    statementLocksSchema
  ),
  /** The slow read (every 30–60 s): autovacuum forecast per table, wraparound ages, xmin holders, what runs now. */
  'vacuum.report': request(connectionInput, vacuumReportSchema),
  /** The quick read for progress bars: pg_stat_progress_* and the autovacuum workers busy. */
  'vacuum.running': request(connectionInput, vacuumRunningSchema),
  /** Estimated table bloat from statistics (no size function, no lock), worst first; on demand, never polled. */
  'vacuum.bloat': request(connectionInput, z.array(tableBloatSchema)),
  /** Estimated b-tree index bloat from statistics (no size function, no lock), worst first; on demand, never polled. */
  'vacuum.indexBloat': request(connectionInput, z.array(indexBloatSchema)),
  /**
   * Exact bloat of one table or index with pgstattuple (a full read, under lock_timeout and
   * statement_timeout); `no-extension` with the CREATE EXTENSION to run when it is not installed.
   */
  'vacuum.exactBloat': request(
    connectionInput.extend({ schema: z.string().min(1).max(63), name: z.string().min(1).max(63), kind: z.enum(exactBloatKinds) }),
    exactBloatSchema
  ),
  /** The trainer's MVCC demo on the sandbox: reset, update every row, VACUUM, or just read the row versions. */
  'vacuum.mvccDemo': request(connectionInput.extend({ action: z.enum(mvccDemoActions) }), mvccDemoSchema),
  /** VACUUM, VACUUM (ANALYZE) or ANALYZE of one table, to its end; refused on read-only connections. */
  'vacuum.run': request(
    connectionInput.extend({ schema: z.string().min(1).max(63), table: z.string().min(1).max(63), mode: z.enum(vacuumModes) }),
    z.object({ statement: z.string(), durationMs: z.number() })
  ),
  /**
   * EXPLAIN (no execution) or EXPLAIN ANALYZE of the statement under the cursor.
   * ANALYZE always runs inside BEGIN … ROLLBACK; `effect` says whether the
   * statement writes, so the UI can say so before and after. A statement EXPLAIN
   * cannot take (VACUUM, CREATE INDEX) fails with `explain/not-explainable`;
   * on a read-only connection ANALYZE is refused (`query/read-only`) as Run is.
   */
  'explain.run': request(
    connectionInput.extend({
      sql: z.string().min(1).max(1_000_000),
      cursorOffset: z.number().int().min(0).optional(),
      analyze: z.boolean(),
      /** Chosen by the caller, so it can cancel the explain while it runs. */
      explainId: idSchema.optional(),
      /** ANALYZE of calls a rollback cannot undo (nextval, dblink…) fails with `query/effects-need-confirmation` unless confirmed. */
      confirmEffects: z.boolean().default(false)
    }),
    z.object({
      statement: z.string(),
      analyze: z.boolean(),
      effect: z.enum(['reads', 'may-write', 'writes']),
      rolledBack: z.boolean(),
      /** What the rollback could not undo, one phrase per call; [] when nothing. */
      notUndone: z.array(z.string()),
      planJson: z.string(),
      serverVersion: z.string(),
      durationMs: z.number(),
      /** Index advice for the plan, with the connection's existing indexes left out: it comes with the plan, never after. */
      advice: z.array(adviceItemSchema),
      /** The catalog's partition counts for the partitions its Appends list ("3 of 13 partitions scanned"). */
      partitions: z.array(partitionAncestrySchema)
    })
  ),
  /**
   * Advice for a pasted plan (text or JSON). The parser behind it runs in the
   * main process only, so a pasted plan asks here; with a connection, its
   * existing indexes are left out.
   */
  'advice.plan': request(z.object({ planText: z.string().min(1).max(maxScriptChars), connectionId: idSchema.optional() }), z.object({ advice: z.array(adviceItemSchema) })),
  /** How an index item would be verified here, and the lock warning to show before a rolled-back build. */
  'advice.verifyMethod': request(
    connectionInput.extend({ item: adviceItemSchema }),
    z.object({ method: z.enum(['hypopg', 'rolled-back-index', 'none']), warning: z.string().nullable(), note: z.string().nullable() })
  ),
  /** Verify an index item for a statement: hypopg, else a real index inside BEGIN … ROLLBACK. */
  'advice.verify': request(connectionInput.extend({ sql: z.string().min(1).max(1_000_000), item: adviceItemSchema, analyze: z.boolean().default(false) }), adviceItemSchema),
  /** CREATE INDEX CONCURRENTLY of an index item (refused on read-only connections); progress as `advice.applyProgress`. */
  'advice.apply': request(connectionInput.extend({ item: adviceItemSchema }), z.object({ applied: z.boolean(), indexName: z.string().nullable(), durationMs: z.number() })),
  /** Unused, duplicate, redundant, invalid indexes, unindexed foreign keys, seq-scan-heavy tables. */
  'advice.indexHealth': request(connectionInput.extend({ schema: z.string().max(63).optional() }), indexHealthSchema),
  /** Cancel a running explain (its statement is cancelled on the server and rolled back). */
  'explain.cancel': request(z.object({ explainId: idSchema }), z.object({ cancelled: z.boolean() })),
  /** Executed statements, newest first. */
  'history.list': request(z.object({ search: z.string().max(1000).optional(), limit: z.number().int().min(1).max(1000).default(200) }), z.array(historyEntrySchema)),
  /** Schemas → tables (partitions under their parent), views, materialized views, sequences, functions. */
  'schema.tree': request(connectionInput, schemaTreeSchema),
  /** A table's page: columns, indexes, constraints, foreign keys both ways, sizes, partitions, DDL. */
  'schema.table': request(connectionInput.extend({ schema: z.string().max(63), name: z.string().max(63) }), tableDetailsSchema),
  /** Relations, columns and functions for the editor's autocomplete. */
  'schema.completions': request(connectionInput, completionSchemaSchema),
  /**
   * The join stepper on the statement under the cursor: sampled inputs, every
   * pair's ON verdict from the server, padding, WHERE, result and plan replay.
   * Runs inside BEGIN … ROLLBACK; a query it cannot show is refused (joins/unsupported).
   * Either `sql` or `pick` (the picker's tables, join types and conditions, turned
   * into SQL through the parse tree; the steps' `sql` is that query). With
   * `interestingRows` off, large tables give their first rows instead of rows with
   * matching, duplicate and NULL keys.
   */
  'joins.steps': request(
    connectionInput
      .extend({
        sql: z.string().min(1).max(1_000_000).optional(),
        pick: joinPickSchema.optional(),
        cursorOffset: z.number().int().min(0).optional(),
        sampleSize: z.number().int().min(1).max(50).default(6),
        interestingRows: z.boolean().default(true)
      })
      .refine((input) => (input.sql === undefined) !== (input.pick === undefined), { message: 'give either sql or pick' }),
    joinStepsSchema
  ),
  /** Forget a run: its spooled rows are deleted. */
  'query.release': request(z.object({ runId: z.string().max(100) }), z.object({ released: z.boolean() }))
} as const

export const events = {
  /** The whole list, sent whenever a status, pool figure or profile changes. */
  'connections.changed': z.array(connectionSummarySchema),
  'sandbox.status': sandboxStatusSchema,
  /** What changed in a run (its state, the statements whose status, counts, fields or errors changed), folded into `query.start`'s snapshot with `applyRunProgress`; ~10 per second. */
  'query.progress': queryRunProgressSchema,
  'export.progress': exportProgressSchema,
  'session.changed': transactionSessionSchema,
  /** A watched server's poll, as a diff (sessions added/changed/removed), with rates and lock edges. */
  'activity.update': activityUpdateSchema,
  /** An index being applied: pg_stat_progress_create_index's phase and counts. */
  'advice.applyProgress': applyProgressSchema
} as const

export type Requests = typeof requests
export type RequestName = keyof Requests
export type RequestInput<N extends RequestName> = z.input<Requests[N]['input']>
export type ParsedRequestInput<N extends RequestName> = z.output<Requests[N]['input']>
export type RequestOutput<N extends RequestName> = z.output<Requests[N]['output']>

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<E extends EventName> = z.output<Events[E]>

export const requestNames = Object.keys(requests) as RequestName[]
export const eventNames = Object.keys(events) as EventName[]

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(requests, name)
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name)
}
