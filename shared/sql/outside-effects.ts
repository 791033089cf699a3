/**
 * Functions whose effect a ROLLBACK cannot undo: THE list.
 *
 * Read-only connections refuse statements that call them; Explain Analyze and
 * the lock probe name them and ask before running, and say afterwards what the
 * rollback left behind. Matched on the function's own name whatever its schema
 * (an extension such as dblink may live in `public` or anywhere else).
 */

export interface OutsideEffect {
  /** The function's name, or a name prefix when `prefix` is set (dblink, dblink_exec, …). */
  name: string
  prefix?: boolean
  /** What stays done after a rollback, in a user's words. */
  effect: string
}

export const outsideEffects: readonly OutsideEffect[] = [
  { name: 'dblink', prefix: true, effect: 'runs SQL on another server, which commits it there on its own' },
  { name: 'lo_import', effect: 'reads a file on the database server' },
  { name: 'lo_export', effect: 'writes a file on the database server' },
  { name: 'pg_file_write', effect: 'writes a file on the database server' },
  { name: 'pg_file_rename', effect: 'renames a file on the database server' },
  { name: 'pg_file_unlink', effect: 'deletes a file on the database server' },
  { name: 'pg_file_sync', effect: 'flushes a file on the database server' },
  { name: 'pg_cancel_backend', effect: "cancels another session's query" },
  { name: 'pg_terminate_backend', effect: 'ends another session' },
  { name: 'pg_log_backend_memory_contexts', effect: "writes another session's memory use to the server log" },
  { name: 'pg_reload_conf', effect: 'makes the server reload its configuration' },
  { name: 'pg_rotate_logfile', effect: "rotates the server's log file" },
  { name: 'pg_switch_wal', effect: 'switches the server to a new WAL file' },
  { name: 'pg_create_restore_point', effect: 'writes a restore point into the WAL' },
  { name: 'pg_promote', effect: 'promotes a standby server to primary' },
  { name: 'pg_wal_replay_pause', effect: 'pauses WAL replay on the standby' },
  { name: 'pg_wal_replay_resume', effect: 'resumes WAL replay on the standby' },
  { name: 'pg_backup_start', effect: 'starts a base backup' },
  { name: 'pg_backup_stop', effect: 'ends a base backup' },
  { name: 'pg_create_physical_replication_slot', effect: 'creates a replication slot, which holds WAL on the server' },
  { name: 'pg_create_logical_replication_slot', effect: 'creates a replication slot, which holds WAL on the server' },
  { name: 'pg_copy_physical_replication_slot', effect: 'creates a replication slot, which holds WAL on the server' },
  { name: 'pg_copy_logical_replication_slot', effect: 'creates a replication slot, which holds WAL on the server' },
  { name: 'pg_drop_replication_slot', effect: 'drops a replication slot' },
  { name: 'pg_replication_slot_advance', effect: 'moves a replication slot forward' },
  { name: 'pg_logical_slot_get_changes', effect: "consumes a replication slot's changes" },
  { name: 'pg_logical_slot_get_binary_changes', effect: "consumes a replication slot's changes" },
  { name: 'pg_logical_emit_message', effect: 'writes a message into the WAL' },
  { name: 'pg_advisory_lock', effect: 'takes a session advisory lock, which outlives the transaction' },
  { name: 'pg_advisory_lock_shared', effect: 'takes a session advisory lock, which outlives the transaction' },
  { name: 'pg_try_advisory_lock', effect: 'takes a session advisory lock, which outlives the transaction' },
  { name: 'pg_try_advisory_lock_shared', effect: 'takes a session advisory lock, which outlives the transaction' },
  { name: 'pg_advisory_unlock', effect: 'releases a session advisory lock' },
  { name: 'pg_advisory_unlock_shared', effect: 'releases a session advisory lock' },
  { name: 'pg_advisory_unlock_all', effect: "releases the session's advisory locks" },
  { name: 'nextval', effect: 'advances a sequence (sequences are never rolled back)' },
  { name: 'setval', effect: 'sets a sequence (sequences are never rolled back)' },
  { name: 'pg_stat_reset', prefix: true, effect: "resets the server's statistics" },
  { name: 'pg_stat_statements_reset', effect: 'resets pg_stat_statements' }
]

/** The list entry for a function name (its last part, without the schema), or null. */
export function outsideEffectOf(functionName: string): OutsideEffect | null {
  const name = functionName.toLowerCase()
  return outsideEffects.find((entry) => (entry.prefix ? name.startsWith(entry.name) : name === entry.name)) ?? null
}
