/**
 * What a read-only connection refuses to send, read from PostgreSQL's own parse tree.
 *
 * The server's `default_transaction_read_only` stops plain writes, but not a
 * statement that turns it off, nor what acts outside the transaction: COPY to
 * a file or a program, ALTER SYSTEM, dblink, signals to other backends… Those
 * are refused here before anything is sent. A DO block or a procedure's body
 * cannot be inspected, so it is refused too. This is a guard against mistakes:
 * a user function that calls dblink inside is not seen (the security boundary
 * is a role with only SELECT rights).
 */
import { outsideEffectCalls } from './outside-effect-calls'
import { callArguments, calledName, statementKind, stringConstant, walkParseTree } from './parse-tree'
import { parseEach, type ParsedStatement } from './sql-parser'

/** Settings a read-only session must not change: its read/write mode and who it is. */
const guardedSettings = new Set(['default_transaction_read_only', 'transaction_read_only', 'session_authorization', 'role'])

/** Why each statement would be refused on a read-only connection (empty: it may be sent). */
export function readOnlyRefusals(statements: ParsedStatement[]): string[] {
  const reasons: string[] = []
  for (const { stmt } of statements) {
    const statement = statementKind(stmt)
    if (!statement) continue
    const reason = refusalOfKind(statement.kind, statement.node)
    if (reason) reasons.push(reason)
    walkParseTree(stmt, (key, value) => {
      if (key === 'FuncCall' && calledName(value) === 'set_config') {
        const setting = stringConstant(callArguments(value)[0])
        if (setting === null || guardedSettings.has(setting.toLowerCase())) reasons.push(`set_config(${setting === null ? '…' : `'${setting}'`}, …) could change the read-only setting`)
      }
    })
  }
  for (const call of outsideEffectCalls(statements)) reasons.push(`${call.function} ${call.effect}`)
  return [...new Set(reasons)]
}

/** The same, from the text of each statement; a statement PostgreSQL cannot parse is not refused (the server rejects it too). */
export async function findReadOnlyRefusals(statements: string | string[]): Promise<string[]> {
  return readOnlyRefusals(await parseEach(statements))
}

function refusalOfKind(kind: string, node: Record<string, unknown>): string | null {
  switch (kind) {
    case 'TransactionStmt':
      return setsReadWrite(node.options) ? 'BEGIN … READ WRITE would turn read-only off' : null
    case 'VariableSetStmt': {
      const name = String(node.name ?? '').toLowerCase()
      if (name === 'session characteristics') return 'SET SESSION CHARACTERISTICS would change how every transaction runs'
      if (name === 'transaction') return setsReadWrite(node.args) ? 'SET TRANSACTION READ WRITE would turn read-only off' : null
      return guardedSettings.has(name) ? `SET/RESET of ${name} could turn read-only off` : null
    }
    case 'CopyStmt':
      if (node.is_program) return 'COPY … PROGRAM runs a shell command on the database server'
      return node.filename ? 'COPY to or from a file reads or writes a file on the database server' : null
    case 'AlterSystemStmt':
      return "ALTER SYSTEM changes the server's configuration"
    case 'LoadStmt':
      return 'LOAD loads a library into the server'
    case 'DoStmt':
      return 'a DO block cannot be checked for writes'
    case 'CallStmt':
      return "a procedure's body cannot be checked for writes"
    default:
      return null
  }
}

/** Whether transaction options (BEGIN …, SET TRANSACTION …) include READ WRITE. */
function setsReadWrite(options: unknown): boolean {
  if (!Array.isArray(options)) return false
  return options.some((option) => {
    const element = (option as { DefElem?: { defname?: string; arg?: { A_Const?: { ival?: { ival?: number } } } } }).DefElem
    // READ WRITE is transaction_read_only = 0, which the tree prints as an empty ival.
    return element?.defname === 'transaction_read_only' && !element.arg?.A_Const?.ival?.ival
  })
}
