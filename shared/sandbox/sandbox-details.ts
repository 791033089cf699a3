/**
 * What the sandbox menu shows: where the data lives and how to reach the server from a terminal.
 *
 * Pure: the psql command line is built here (quoted for a POSIX shell), so the
 * service only supplies the facts.
 */
import { z } from 'zod'

export const sandboxDetailsSchema = z.object({
  /** The cluster's data directory (PGDATA). */
  dataDir: z.string(),
  running: z.boolean(),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  user: z.string(),
  database: z.string(),
  /** Only when asked for (revealPassword), and only while the server runs. */
  password: z.string().nullable(),
  /** A psql command line that connects; with PGPASSWORD when the password was revealed, else psql asks for it. */
  psql: z.string().nullable()
})
export type SandboxDetails = z.infer<typeof sandboxDetailsSchema>

export interface PsqlTarget {
  host: string
  port: number
  user: string
  database: string
  password?: string | null
}

/** `psql` with its connection as a URI; the password, when given, as PGPASSWORD (never in the URI: ps would show it). */
export function psqlCommand(target: PsqlTarget): string {
  const uri = `postgresql://${encodeURIComponent(target.user)}@${target.host}:${target.port}/${encodeURIComponent(target.database)}`
  const command = `psql ${shellQuote(uri)}`
  return target.password ? `PGPASSWORD=${shellQuote(target.password)} ${command}` : command
}

/** Single-quoted for sh/bash/zsh unless it needs no quoting at all. */
export function shellQuote(value: string): string {
  if (/^[\w@%+=:,./-]+$/.test(value)) return value
  return `'${value.replace(/'/g, `'\\''`)}'`
}
