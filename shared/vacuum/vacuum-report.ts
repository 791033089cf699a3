/**
 * What the Vacuum tab and `tusk vacuum` show: the forecast per table, the
 * databases' wraparound ages, what holds back cleanup, and what runs now.
 */
import { z } from 'zod'

export const vacuumTableSchema = z.object({
  schema: z.string(),
  table: z.string(),
  relkind: z.enum(['r', 'm', 't']),
  /** For a TOAST table, the table it belongs to ("schema.table"). */
  toastOf: z.string().nullable(),
  liveTuples: z.number(),
  deadTuples: z.number(),
  insertsSinceVacuum: z.number().nullable(),
  modsSinceAnalyze: z.number(),
  vacuumThreshold: z.number().nullable(),
  insertThreshold: z.number().nullable(),
  analyzeThreshold: z.number().nullable(),
  vacuumDue: z.boolean(),
  analyzeDue: z.boolean(),
  wraparoundDue: z.boolean(),
  autovacuumEnabled: z.boolean(),
  vacuumProgress: z.number().nullable(),
  analyzeProgress: z.number().nullable(),
  reason: z.string(),
  xidAge: z.number().nullable(),
  mxidAge: z.number().nullable(),
  /** Epoch ms, null when never. */
  lastVacuum: z.number().nullable(),
  lastAutovacuum: z.number().nullable(),
  lastAnalyze: z.number().nullable(),
  lastAutoanalyze: z.number().nullable(),
  vacuumCount: z.number(),
  autovacuumCount: z.number(),
  analyzeCount: z.number(),
  autoanalyzeCount: z.number()
})
export type VacuumTable = z.infer<typeof vacuumTableSchema>

export const vacuumDatabaseSchema = z.object({
  name: z.string(),
  xidAge: z.number(),
  mxidAge: z.number(),
  freezeMaxAge: z.number(),
  multixactFreezeMaxAge: z.number()
})
export type VacuumDatabase = z.infer<typeof vacuumDatabaseSchema>

export const xminHolderKinds = ['transaction', 'idle-in-transaction', 'prepared', 'replication-slot', 'standby'] as const
export const xminHolderSchema = z.object({
  kind: z.enum(xminHolderKinds),
  pid: z.number().int().nullable(),
  /** Slot name, prepared transaction's gid, or application name. */
  name: z.string().nullable(),
  database: z.string().nullable(),
  user: z.string().nullable(),
  /** age() of the xmin it holds, in transactions. */
  xminAge: z.number().nullable(),
  /** When it began holding (transaction start, PREPARE time); null when unknown. */
  since: z.number().nullable(),
  state: z.string().nullable(),
  query: z.string().nullable(),
  /** Dead tuples a vacuum since it began could not remove, in this database; null when not known. */
  deadTuplesKept: z.number().nullable()
})
export type XminHolder = z.infer<typeof xminHolderSchema>

export const maintenanceKinds = ['vacuum', 'analyze', 'create-index', 'cluster'] as const
export const runningMaintenanceSchema = z.object({
  kind: z.enum(maintenanceKinds),
  pid: z.number().int(),
  database: z.string().nullable(),
  relation: z.string().nullable(),
  phase: z.string(),
  /** Started by autovacuum (an autovacuum worker). */
  auto: z.boolean(),
  wraparound: z.boolean(),
  /** 0–1 through the current phase when it can be measured. */
  progress: z.number().nullable(),
  figures: z.array(z.object({ label: z.string(), value: z.string() })),
  startedAt: z.number().nullable(),
  command: z.string().nullable()
})
export type RunningMaintenance = z.infer<typeof runningMaintenanceSchema>

export const vacuumRunningSchema = z.object({
  takenAt: z.number(),
  running: z.array(runningMaintenanceSchema),
  workersBusy: z.number().int(),
  maxWorkers: z.number().int()
})
export type VacuumRunning = z.infer<typeof vacuumRunningSchema>

export const vacuumReportSchema = vacuumRunningSchema.extend({
  serverVersionNum: z.number().int(),
  autovacuum: z.boolean(),
  trackCounts: z.boolean(),
  naptimeSeconds: z.number(),
  tables: z.array(vacuumTableSchema),
  databases: z.array(vacuumDatabaseSchema),
  xminHolders: z.array(xminHolderSchema),
  /** Server time spent reading the report. */
  queryMs: z.number()
})
export type VacuumReport = z.infer<typeof vacuumReportSchema>

export const vacuumModes = ['vacuum', 'vacuum-analyze', 'analyze'] as const
export type VacuumMode = (typeof vacuumModes)[number]
