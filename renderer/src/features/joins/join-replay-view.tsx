/**
 * The physical replay: the algorithm PostgreSQL's plan chose for a join, run on
 * the sampled rows (hash table buckets and probes, a nested loop's rescans, a
 * merge's two sorted cursors), with what the other algorithms would have cost.
 */
import { useState } from 'react'
import type { JoinReplay, JoinStage, JoinSteps } from '@shared/joins/join-model'
import { bucketOf, joinMethods, replayJoin, type JoinMethod } from '@shared/joins/join-replay'

function keyIndexes(stage: JoinStage, replay: JoinReplay) {
  if (!replay.key) return null
  const [outerSide, innerSide] = replay.outer === 'left' ? (['left', 'right'] as const) : (['right', 'left'] as const)
  const outer = stage[outerSide].columns.indexOf(replay.key.outer)
  const inner = stage[innerSide].columns.indexOf(replay.key.inner)
  return replay.outer === 'left' ? { left: outer, right: inner } : { left: inner, right: outer }
}

export function JoinReplayView({ steps }: { steps: JoinSteps }) {
  const [joinId, setJoinId] = useState(steps.replay[0]?.joinId ?? 0)
  const planned = steps.replay.find((r) => r.joinId === joinId) ?? steps.replay[0]
  const [method, setMethod] = useState<JoinMethod | null>(null)
  if (!planned) return <p className="muted">No plan to replay for this query.</p>
  const stage = steps.joins.find((j) => j.id === planned.joinId)!
  const key = keyIndexes(stage, planned)
  const shown: JoinReplay = method && method !== planned.method ? replayJoin(stage, method, planned.outer, key) : planned
  const outer = stage[planned.outer]
  const inner = stage[planned.outer === 'left' ? 'right' : 'left']
  const keyText = (values: (string | null)[] | undefined, index: number) => values?.[index] ?? 'NULL'
  const outerKey = key ? (planned.outer === 'left' ? key.left : key.right) : -1
  const innerKey = key ? (planned.outer === 'left' ? key.right : key.left) : -1
  return (
    <section className="join-replay" aria-label="Physical replay">
      <div className="join-replay-bar">
        {steps.replay.length > 1 && (
          <label>
            Join{' '}
            <select value={planned.joinId} onChange={(e) => (setJoinId(Number(e.target.value)), setMethod(null))}>
              {steps.replay.map((r) => (
                <option key={r.joinId} value={r.joinId}>
                  {steps.joins.find((j) => j.id === r.joinId)?.condition ?? `join ${r.joinId}`}
                </option>
              ))}
            </select>
          </label>
        )}
        <span role="group" aria-label="Algorithm" className="join-method-switch">
          {(planned.key ? joinMethods : (['Nested Loop'] as JoinMethod[])).map((m) => (
            <button key={m} aria-pressed={shown.method === m} className={shown.method === m ? 'primary' : undefined} onClick={() => setMethod(m)}>
              {m}
              {m === planned.method ? ' (PostgreSQL’s choice)' : ''}
            </button>
          ))}
        </span>
      </div>
      <p className="join-narration">
        {shown.method === 'Hash Join' &&
          `Build: every row of ${inner.label} goes into a hash table on ${shown.key?.inner} (a NULL key never does: it cannot be equal to anything). Probe: each row of ${outer.label} hashes its ${shown.key?.outer} and compares only with its bucket.`}
        {shown.method === 'Nested Loop' && `For each row of ${outer.label} (outer), the whole of ${inner.label} (inner) is scanned and the condition checked on every pair.`}
        {shown.method === 'Merge Join' && `Both sides sorted on the key; two cursors move forward together, so each row is compared only with its neighbours in order.`}
      </p>
      <p className="join-counter" role="status">
        {shown.comparisons} comparisons on {outer.rows.length} × {inner.rows.length} rows
      </p>
      {shown.method === 'Hash Join' && (
        <div className="join-buckets" aria-label="Hash table">
          {shown.buckets.map((b) => (
            <div key={b.bucket} className="join-bucket">
              <div className="join-bucket-name">bucket {b.bucket}</div>
              {b.rows.length === 0 ? <div className="muted">empty</div> : b.rows.map((r) => <div key={r}>#{r + 1} {keyText(inner.values[r], innerKey)}</div>)}
            </div>
          ))}
        </div>
      )}
      {shown.method === 'Merge Join' && (
        <p className="join-sorted">
          Sorted outer: {shown.outerOrder.map((r) => `#${r + 1} (${keyText(outer.values[r], outerKey)})`).join(', ')} · sorted inner: {shown.innerOrder.map((r) => `#${r + 1} (${keyText(inner.values[r], innerKey)})`).join(', ')}
        </p>
      )}
      <table className="join-table" aria-label="Probes">
        <thead>
          <tr>
            <th>{outer.label} row</th>
            <th>key</th>
            {shown.method === 'Hash Join' && <th>bucket</th>}
            <th>compared with</th>
            <th>matches</th>
          </tr>
        </thead>
        <tbody>
          {shown.probes.map((p) => {
            const k = key ? outer.values[p.outer]?.[outerKey] : undefined
            return (
              <tr key={p.outer}>
                <th>#{p.outer + 1}</th>
                <td className={k === null ? 'join-null' : undefined}>{k === undefined ? '—' : (k ?? 'NULL')}</td>
                {shown.method === 'Hash Join' && <td>{k === null || k === undefined ? 'not probed' : bucketOf(k, shown.buckets.length)}</td>}
                <td>{p.compared.length === 0 ? 'nothing' : p.compared.map((r) => `#${r + 1}`).join(' ')}</td>
                <td>{p.matched.length === 0 ? '✗ none' : `✓ ${p.matched.map((r) => `#${r + 1}`).join(' ')}`}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <table className="join-table" aria-label="Algorithms compared">
        <caption>The same sample, each algorithm</caption>
        <thead>
          <tr>
            <th>algorithm</th>
            <th>comparisons</th>
            <th>plan cost on the real tables</th>
          </tr>
        </thead>
        <tbody>
          {planned.alternatives.map((a) => (
            <tr key={a.method} className={a.method === planned.method ? 'join-traced' : undefined}>
              <th>
                {a.method}
                {a.method === planned.method ? ' ★ chosen' : ''}
              </th>
              <td>{a.comparisons}</td>
              <td>{a.cost === null ? '—' : a.cost.toFixed(1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
