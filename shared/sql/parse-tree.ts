/**
 * Walking libpg-query's parse tree: every node, and what a function call calls.
 *
 * The tree is plain JSON (`{ "SelectStmt": { … } }`); a check that must find a
 * call wherever it hides (a CTE, a subquery, FROM, EXPLAIN's inner statement)
 * visits every key of it.
 */

/** Calls `visit` with every key and value of the tree, depth first. */
export function walkParseTree(node: unknown, visit: (key: string, value: unknown) => void): void {
  if (!node || typeof node !== 'object') return
  if (Array.isArray(node)) {
    for (const child of node) walkParseTree(child, visit)
    return
  }
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    visit(key, value)
    walkParseTree(value, visit)
  }
}

interface FuncCallNode {
  funcname?: Array<{ String?: { sval?: string } }>
  args?: unknown[]
}

/** A FuncCall's own name, without its schema, lower-cased ("public.dblink_exec" → "dblink_exec"). */
export function calledName(call: unknown): string {
  const parts = (call as FuncCallNode).funcname ?? []
  return (parts.at(-1)?.String?.sval ?? '').toLowerCase()
}

/** A FuncCall's arguments as parse nodes. */
export function callArguments(call: unknown): unknown[] {
  return (call as FuncCallNode).args ?? []
}

/** The text of a string constant node (`'off'`), or null for anything else. */
export function stringConstant(node: unknown): string | null {
  const value = (node as { A_Const?: { sval?: { sval?: string } } } | undefined)?.A_Const?.sval?.sval
  return typeof value === 'string' ? value : null
}

/** The statement's kind ("SelectStmt", "CopyStmt"…) and its node. */
export function statementKind(stmt: Record<string, unknown> | undefined): { kind: string; node: Record<string, unknown> } | null {
  const kind = stmt ? Object.keys(stmt)[0] : undefined
  return kind ? { kind, node: stmt![kind] as Record<string, unknown> } : null
}
