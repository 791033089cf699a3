/**
 * Sessions of their own next to a connection's pool.
 *
 * Cancelling a backend, watching activity and staging the lock scenario each
 * need a session the pool does not hand out (the pool's may all be busy, or
 * the work must not hold one of them), with the same server, user, password
 * and settings.
 */
import type pg from 'pg'

/**
 * The pool's connection settings for a session of its own.
 *
 * pg.Pool keeps the password as a non-enumerable property (so it never shows
 * in logs): it is copied by name, as a spread alone would drop it.
 */
export function sideSessionConfig(pool: pg.Pool, applicationName?: string): pg.ClientConfig {
  const options = pool.options as pg.ClientConfig
  return { ...options, password: options.password, ...(applicationName ? { application_name: applicationName } : {}) }
}
