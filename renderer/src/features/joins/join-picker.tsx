/**
 * Build a join without typing: two or three tables from the connection's
 * schema, a join type each, and the ON condition as column = column (or USING
 * a common column). The engine writes the SQL from the parse tree; the query
 * box then shows it, so the learner sees what was picked as SQL.
 */
import { useEffect, useState } from 'react'
import { pickAliases, pickJoinKinds, type PickJoinKind } from '@shared/joins/join-pick'
import { blankJoin, commonColumns, emptyDraft, guessCondition, pickOf, type PickDraft, type PickTable } from '@shared/joins/join-pick-draft'
import { loadPickTables, openJoinStepper } from './joins-actions'
import { useJoins } from './joins-store'

const label = (t: { schema: string; name: string }) => (t.schema === 'public' ? t.name : `${t.schema}.${t.name}`)
const kindLabel = (kind: PickJoinKind) => (kind === 'INNER' ? 'INNER JOIN' : kind === 'CROSS' ? 'CROSS JOIN' : `${kind} JOIN`)

export function JoinPicker({ connectionId, open, active }: { connectionId: string | null; open: boolean; active: boolean }) {
  const tables = useJoins((s) => (s.pickTables?.connectionId === connectionId ? s.pickTables.tables : null))
  const loading = useJoins((s) => s.loading)
  const [draft, setDraft] = useState<PickDraft>(emptyDraft)

  // Read the tables again each time the tab is shown: a table created in the SQL tab must be pickable.
  useEffect(() => {
    if (connectionId && active) void loadPickTables(connectionId)
  }, [connectionId, active])

  const aliases = pickAliases(draft.tables.map((t) => t ?? { name: 't' }))
  const setTable = (i: number, table: PickTable | null) => {
    const next: PickDraft = { ...draft, tables: draft.tables.map((t, k) => (k === i ? table : t)) }
    // A new table changes what can be joined: guess each join's condition again.
    next.joins = next.joins.map((j, k) => (k + 1 >= i ? { ...j, ...guessCondition(next, k) } : j))
    setDraft(next)
  }
  const setJoin = (i: number, patch: Partial<PickDraft['joins'][number]>) => setDraft({ ...draft, joins: draft.joins.map((j, k) => (k === i ? { ...j, ...patch } : j)) })
  const pick = pickOf(draft)

  return (
    <details className="join-picker" open={open}>
      <summary>Pick the tables</summary>
      {!connectionId && <p className="muted">Connect to a server first.</p>}
      {connectionId && !tables && <p className="muted">Reading the tables…</p>}
      {tables && (
        <>
          <div className="join-pick-row">
            <span className="join-pick-keyword">FROM</span>
            <TableSelect index={0} tables={tables} value={draft.tables[0] ?? null} alias={aliases[0]!} onChange={(t) => setTable(0, t)} />
          </div>
          {draft.joins.map((join, i) => {
            const right = draft.tables[i + 1] ?? null
            const earlier = draft.tables.slice(0, i + 1)
            const common = commonColumns(draft, i)
            return (
              <div className="join-pick-row" key={i} role="group" aria-label={`Join ${i + 1}`}>
                <select aria-label={`Join type ${i + 1}`} value={join.kind} onChange={(e) => setJoin(i, { kind: e.target.value as PickJoinKind })}>
                  {pickJoinKinds.map((k) => (
                    <option key={k} value={k}>
                      {kindLabel(k)}
                    </option>
                  ))}
                </select>
                <TableSelect index={i + 1} tables={tables} value={right} alias={aliases[i + 1]!} onChange={(t) => setTable(i + 1, t)} />
                {join.kind !== 'CROSS' && (
                  <>
                    <select aria-label={`Condition ${i + 1}`} value={join.mode} onChange={(e) => setJoin(i, { mode: e.target.value as 'on' | 'using' })}>
                      <option value="on">ON</option>
                      <option value="using" disabled={common.length === 0}>
                        USING
                      </option>
                    </select>
                    {join.mode === 'on' ? (
                      <>
                        <select aria-label={`Left column ${i + 1}`} value={`${join.leftTable}:${join.leftColumn}`} onChange={(e) => setJoin(i, { leftTable: Number(e.target.value.split(':')[0]), leftColumn: e.target.value.slice(e.target.value.indexOf(':') + 1) })}>
                          <option value="0:">column…</option>
                          {earlier.flatMap((t, k) => (t?.columns ?? []).map((c) => <option key={`${k}:${c}`} value={`${k}:${c}`}>{`${aliases[k]}.${c}`}</option>))}
                        </select>
                        <span aria-hidden>=</span>
                        <select aria-label={`Right column ${i + 1}`} value={join.rightColumn} onChange={(e) => setJoin(i, { rightColumn: e.target.value })}>
                          <option value="">column…</option>
                          {(right?.columns ?? []).map((c) => (
                            <option key={c} value={c}>{`${aliases[i + 1]}.${c}`}</option>
                          ))}
                        </select>
                      </>
                    ) : (
                      <select aria-label={`USING column ${i + 1}`} value={join.using} onChange={(e) => setJoin(i, { using: e.target.value })}>
                        {common.map((c) => (
                          <option key={c} value={c}>{`(${c})`}</option>
                        ))}
                      </select>
                    )}
                  </>
                )}
              </div>
            )
          })}
          <div className="join-pick-row">
            {draft.tables.length === 2 ? (
              <button onClick={() => setDraft({ tables: [...draft.tables, null], joins: [...draft.joins, blankJoin()] })}>+ A third table</button>
            ) : (
              <button onClick={() => setDraft({ tables: draft.tables.slice(0, 2), joins: draft.joins.slice(0, 1) })}>Remove the third table</button>
            )}
            <button className="primary" disabled={!connectionId || !pick || loading} onClick={() => connectionId && pick && void openJoinStepper({ connectionId, pick })}>
              Step through this join
            </button>
          </div>
        </>
      )}
    </details>
  )
}

function TableSelect({ index, tables, value, alias, onChange }: { index: number; tables: PickTable[]; value: PickTable | null; alias: string; onChange: (t: PickTable | null) => void }) {
  const key = value ? `${value.schema}.${value.name}` : ''
  return (
    <label className="join-pick-table">
      <select aria-label={`Table ${index + 1}`} value={key} onChange={(e) => onChange(tables.find((t) => `${t.schema}.${t.name}` === e.target.value) ?? null)}>
        <option value="">table…</option>
        {tables.map((t) => (
          <option key={`${t.schema}.${t.name}`} value={`${t.schema}.${t.name}`}>
            {label(t)}
          </option>
        ))}
      </select>
      {value && <span className="muted"> AS {alias}</span>}
    </label>
  )
}
