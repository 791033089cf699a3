/** Pieces of the boxes that take a plan's text: the parse error, and the file picker. */

export function PlanParseError({ error }: { error: { message: string; line?: number } | null }) {
  if (!error) return null
  return (
    <div className="query-error" role="alert">
      {error.line !== undefined && <strong>Line {error.line}: </strong>}
      {error.message}
    </div>
  )
}

export function OpenPlanFile({ onText }: { onText: (text: string) => void }) {
  return (
    <label className="file-button">
      Open file…
      <input type="file" accept=".json,.txt,.sql,.tusk-plan.json,text/plain,application/json" onChange={(e) => void e.target.files?.[0]?.text().then(onText)} />
    </label>
  )
}

/** The statement the plan belongs to: typed above a pasted plan, or saved with a plan file. */
export function PlanQuery({ query }: { query: string | undefined }) {
  if (!query) return null
  return (
    <pre className="plan-query" aria-label="Query" title="The EXPLAIN statement found with the plan">
      {query}
    </pre>
  )
}
