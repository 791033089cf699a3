/**
 * Identifiers written into SQL: what the editor inserts, what Tusk runs.
 *
 * PostgreSQL folds a bare name to lower case and reads keywords as keywords,
 * so anything else has to be double-quoted, with an inner double quote
 * written twice. Both forms live here so no caller builds SQL by hand.
 */
import { keywordsNeedingQuotes } from './sql-keywords'

/** Always quoted: safe anywhere, whatever the name holds. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

/** Bare when PostgreSQL reads it back as the same name (as quote_ident() decides), quoted otherwise. */
export function quoteIdentifierIfNeeded(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !keywordsNeedingQuotes.has(name) ? name : quoteIdentifier(name)
}
