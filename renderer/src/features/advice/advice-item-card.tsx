/**
 * One piece of advice: what, where (the node, a click away), the evidence in
 * numbers, why, the exact SQL with a copy button, and for an index: verify
 * (after the lock warning, when it builds a real one) and apply (writable
 * connections only, after a confirm).
 */
import { useState } from 'react'
import type { AdviceItem } from '@shared/advice/advice-item'
import { ConfirmDialog } from '../../ui/confirm-dialog'
import { applyItem, copySql, verifyItem, verifyWarning } from './advice-actions'
import type { ItemWork } from './advice-store'

const kindLabels: Record<AdviceItem['kind'], string> = {
  index: 'Missing index',
  'extend-index': 'Extend an index',
  rewrite: 'Rewrite the condition',
  statistics: 'Statistics',
  'work-mem': 'work_mem',
  vacuum: 'VACUUM'
}

interface Props {
  item: AdviceItem
  selected: boolean
  work: ItemWork | undefined
  /** Where verify and apply act; null for a pasted plan. */
  live: { connectionId: string; statement: string; analyzed: boolean; readOnly: boolean } | null
  onSelect: () => void
  onCompare: (planAfterJson: string) => void
}

type Asking = { kind: 'verify'; message: string } | { kind: 'apply'; message: string } | null

export function AdviceItemCard({ item, selected, work, live, onSelect, onCompare }: Props) {
  const [asking, setAsking] = useState<Asking>(null)
  const [note, setNote] = useState<string | null>(null)
  const isIndex = item.plainStatement !== null
  const busy = work?.state === 'verifying' || work?.state === 'applying'

  const verify = async () => {
    if (!live) return
    const { warning, note: why, possible } = await verifyWarning(live.connectionId, item).catch(() => ({ warning: null, note: null, possible: true }))
    if (!possible) return setNote(why)
    if (warning) return setAsking({ kind: 'verify', message: warning })
    await verifyItem(live.connectionId, live.statement, item, live.analyzed)
  }
  const v = item.verification
  return (
    <li className={`advice-item advice-${item.severity}${selected ? ' selected' : ''}`}>
      <button className="advice-head" onClick={onSelect} title="Select the node this is about">
        <span className={`advice-severity advice-severity-${item.severity}`}>{item.severity}</span>
        <strong>{kindLabels[item.kind]}</strong>
        {item.table && <span className="advice-table">{item.schema ? `${item.schema}.${item.table}` : item.table}</span>}
        <span className="muted">node #{item.nodeId}</span>
      </button>
      <p className="advice-evidence">{item.evidence}</p>
      <p className="advice-reason">{item.reason}</p>
      {item.statement && <pre className="advice-sql">{item.statement}</pre>}
      {v && (
        <p className={`advice-verdict advice-verdict-${v.verdict}`} role="status">
          {v.verdict === 'recommended' ? 'Recommended' : v.verdict === 'marginal' ? 'Marginal' : 'Dropped'}: cost {v.costBefore.toFixed(0)} → {v.costAfter.toFixed(0)}
          {v.msBefore !== null && v.msAfter !== null && ` · ${v.msBefore.toFixed(1)} ms → ${v.msAfter.toFixed(1)} ms`}
          {v.used ? ' · the planner uses the index' : ' · the planner does not use it'} ({v.method === 'hypopg' ? 'hypothetical index' : 'built and rolled back'})
        </p>
      )}
      {(item.verificationNote ?? note) && <p className="muted">{item.verificationNote ?? note}</p>}
      {work?.state === 'applying' && (
        <p role="status">
          Creating the index{work.progress ? `: ${work.progress.phase}${work.progress.blocksTotal > 0 ? ` (${Math.round((100 * work.progress.blocksDone) / work.progress.blocksTotal)} %)` : ''}` : '…'}
        </p>
      )}
      {work?.state === 'verifying' && <p role="status">Verifying…</p>}
      {work?.state === 'applied' && <p role="status">Index created in {(work.durationMs / 1000).toFixed(1)} s. Explain again to see the new plan.</p>}
      {work?.state === 'failed' && <p className="plan-warnings">{work.message}</p>}
      <div className="advice-buttons">
        {item.statement && <button onClick={() => copySql(item.statement!)}>Copy SQL</button>}
        {isIndex && live && (
          <button onClick={() => void verify()} disabled={busy}>
            Verify
          </button>
        )}
        {isIndex && v?.planAfterJson && <button onClick={() => onCompare(v.planAfterJson!)}>Compare plans</button>}
        {isIndex && live && !live.readOnly && work?.state !== 'applied' && (
          <button
            onClick={() => setAsking({ kind: 'apply', message: `Run ${item.statement}? CREATE INDEX CONCURRENTLY does not block writes, but reads the whole table (twice) and adds work to every write from now on.` })}
            disabled={busy}
          >
            Apply…
          </button>
        )}
        {isIndex && live?.readOnly && <span className="muted">Read-only connection: apply is off</span>}
      </div>
      {asking && (
        <ConfirmDialog
          title={asking.kind === 'verify' ? 'Verify with a real index?' : 'Create the index?'}
          message={asking.message}
          confirmLabel={asking.kind === 'verify' ? 'Build, explain and roll back' : 'Create index'}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null)
            if (!live) return
            if (asking.kind === 'verify') void verifyItem(live.connectionId, live.statement, item, live.analyzed)
            else void applyItem(live.connectionId, item)
          }}
        />
      )}
    </li>
  )
}
