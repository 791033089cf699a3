/**
 * Autovacuum's knobs: the server's settings, and a table's reloptions over them.
 *
 * Mirrors PostgreSQL's autovacuum.c (relation_needs_vacanalyze): a reloption
 * below its "unset" value falls back to the setting; a TOAST table without
 * reloptions of its own takes its owner's (all of them, not a merge).
 */

/** The server-wide settings autovacuum reads (pg_settings), for one major. */
export interface AutovacuumSettings {
  serverVersionNum: number
  /** `autovacuum` and `track_counts`: both on, or the server makes no threshold decision. */
  autovacuum: boolean
  trackCounts: boolean
  vacuumThreshold: number
  vacuumScaleFactor: number
  /** PG 18+ (`autovacuum_vacuum_max_threshold`, -1 = no cap); null before. */
  vacuumMaxThreshold: number | null
  /** PG 13+ (-1 = insert vacuums off); null before. */
  insertThreshold: number | null
  insertScaleFactor: number | null
  analyzeThreshold: number
  analyzeScaleFactor: number
  freezeMaxAge: number
  multixactFreezeMaxAge: number
  maxWorkers: number
  naptimeSeconds: number
}

/** The autovacuum part of a table's reloptions; undefined: not set. */
export interface AutovacuumReloptions {
  enabled?: boolean
  vacuumThreshold?: number
  vacuumMaxThreshold?: number
  vacuumScaleFactor?: number
  insertThreshold?: number
  insertScaleFactor?: number
  analyzeThreshold?: number
  analyzeScaleFactor?: number
  freezeMaxAge?: number
  multixactFreezeMaxAge?: number
}

const keys: Record<string, [keyof AutovacuumReloptions, 'bool' | 'int' | 'real']> = {
  autovacuum_enabled: ['enabled', 'bool'],
  autovacuum_vacuum_threshold: ['vacuumThreshold', 'int'],
  autovacuum_vacuum_max_threshold: ['vacuumMaxThreshold', 'int'],
  autovacuum_vacuum_scale_factor: ['vacuumScaleFactor', 'real'],
  autovacuum_vacuum_insert_threshold: ['insertThreshold', 'int'],
  autovacuum_vacuum_insert_scale_factor: ['insertScaleFactor', 'real'],
  autovacuum_analyze_threshold: ['analyzeThreshold', 'int'],
  autovacuum_analyze_scale_factor: ['analyzeScaleFactor', 'real'],
  autovacuum_freeze_max_age: ['freezeMaxAge', 'int'],
  autovacuum_multixact_freeze_max_age: ['multixactFreezeMaxAge', 'int']
}

/** PostgreSQL's parse_bool: unique prefixes of true/false/yes/no, on/off, 1/0. */
export function parsePostgresBool(text: string): boolean | undefined {
  const value = text.trim().toLowerCase()
  if (value === '') return undefined
  const prefixOf = (word: string) => word.startsWith(value)
  if (prefixOf('true') || prefixOf('yes') || value === 'on' || value === '1') return true
  if (prefixOf('false') || prefixOf('no') || value === 'of' || value === 'off' || value === '0') return false
  return undefined
}

/** strtol with base 0, as PostgreSQL's parse_int: decimal, 0x hex, 0 octal. */
function parseInteger(text: string): number | undefined {
  const value = text.trim()
  const match = /^([+-]?)(0x[0-9a-f]+|0[0-7]*|[1-9][0-9]*)$/i.exec(value)
  if (!match) return undefined
  const body = match[2]!
  const magnitude = /^0x/i.test(body) ? parseInt(body.slice(2), 16) : body.length > 1 && body.startsWith('0') ? parseInt(body, 8) : parseInt(body, 10)
  return match[1] === '-' ? -magnitude : magnitude
}

/**
 * The autovacuum options in `pg_class.reloptions` ("key=value" strings), or
 * null when the relation has no reloptions at all: the server then uses the
 * TOAST owner's options, which a table with only `fillfactor` set would hide.
 */
export function parseAutovacuumReloptions(reloptions: readonly string[] | null): AutovacuumReloptions | null {
  if (reloptions === null) return null
  const options: AutovacuumReloptions = {}
  for (const entry of reloptions) {
    const at = entry.indexOf('=')
    if (at < 0) continue
    const known = keys[entry.slice(0, at).toLowerCase()]
    if (!known) continue
    const [field, type] = known
    const text = entry.slice(at + 1)
    const value = type === 'bool' ? parsePostgresBool(text) : type === 'int' ? parseInteger(text) : Number(text)
    if (value === undefined || (typeof value === 'number' && Number.isNaN(value))) continue
    ;(options as Record<string, number | boolean>)[field] = value
  }
  return options
}

/** The options the server uses for a relation: its own, or (TOAST without any) its owner's. */
export function effectiveReloptions(own: readonly string[] | null, toastOwner: readonly string[] | null | undefined): AutovacuumReloptions | null {
  return parseAutovacuumReloptions(own) ?? (toastOwner !== undefined ? parseAutovacuumReloptions(toastOwner) : null)
}

/** The parameters of one relation's equations, as the server picks them (reloption when set, else the setting). */
export interface AutovacuumParameters {
  enabled: boolean
  vacuumThreshold: number
  vacuumScaleFactor: number
  vacuumMaxThreshold: number
  insertThreshold: number
  insertScaleFactor: number
  analyzeThreshold: number
  analyzeScaleFactor: number
  freezeMaxAge: number
  multixactFreezeMaxAge: number
}

export function autovacuumParameters(settings: AutovacuumSettings, options: AutovacuumReloptions | null): AutovacuumParameters {
  const o = options ?? {}
  const atLeast = (value: number | undefined, floor: number, fallback: number) => (value !== undefined && value >= floor ? value : fallback)
  return {
    enabled: o.enabled ?? true,
    vacuumThreshold: atLeast(o.vacuumThreshold, 0, settings.vacuumThreshold),
    vacuumScaleFactor: atLeast(o.vacuumScaleFactor, 0, settings.vacuumScaleFactor),
    // -1 disables the cap (PG 18); before 18 there is no cap at all.
    vacuumMaxThreshold: settings.vacuumMaxThreshold === null ? -1 : atLeast(o.vacuumMaxThreshold, -1, settings.vacuumMaxThreshold),
    // -1 disables insert vacuums (PG 13); before 13 they do not exist.
    insertThreshold: settings.insertThreshold === null ? -1 : atLeast(o.insertThreshold, -1, settings.insertThreshold),
    insertScaleFactor: atLeast(o.insertScaleFactor, 0, settings.insertScaleFactor ?? 0),
    analyzeThreshold: atLeast(o.analyzeThreshold, 0, settings.analyzeThreshold),
    analyzeScaleFactor: atLeast(o.analyzeScaleFactor, 0, settings.analyzeScaleFactor),
    freezeMaxAge: o.freezeMaxAge !== undefined && o.freezeMaxAge >= 0 ? Math.min(o.freezeMaxAge, settings.freezeMaxAge) : settings.freezeMaxAge,
    multixactFreezeMaxAge:
      o.multixactFreezeMaxAge !== undefined && o.multixactFreezeMaxAge >= 0 ? Math.min(o.multixactFreezeMaxAge, settings.multixactFreezeMaxAge) : settings.multixactFreezeMaxAge
  }
}
