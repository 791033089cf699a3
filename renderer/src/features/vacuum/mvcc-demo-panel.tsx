/**
 * For trainers on the sandbox: update every row and see the old versions
 * become dead tuples (each row moves: a new ctid, a new xmin), then VACUUM
 * and see them go.
 */
import { useState } from 'react'
import type { MvccDemo, MvccDemoAction } from '@shared/vacuum/mvcc-demo'
import { mvccDemoStep } from './vacuum-actions'

export function MvccDemoPanel({ connectionId }: { connectionId: string }) {
  const [demo, setDemo] = useState<MvccDemo | null>(null)
  const [busy, setBusy] = useState(false)
  const [last, setLast] = useState<string>('')
  const step = async (action: MvccDemoAction, label: string) => {
    setBusy(true)
    const result = await mvccDemoStep(connectionId, action)
    setBusy(false)
    if (result) {
      setDemo(result)
      setLast(label)
    }
  }
  return (
    <section className="vacuum-section" aria-label="MVCC demo">
      <header className="vacuum-section-header">
        <h3>MVCC demo</h3>
        <span className="muted">table tusk_mvcc_demo on the sandbox, autovacuum off for it</span>
        <span className="spacer" />
        <button type="button" disabled={busy} onClick={() => void step('reset', 'Created 8 rows')}>
          Start over
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => void step('update', 'UPDATE of every row: each row got a new version')}>
          Update every row
        </button>
        <button type="button" disabled={busy} onClick={() => void step('vacuum', 'VACUUM removed the old versions')}>
          VACUUM
        </button>
      </header>
      {demo && (
        <div className="mvcc-demo">
          <p className="mvcc-counts" data-testid="mvcc-counts">
            {last && <strong>{last}. </strong>}
            <span>
              {demo.liveTuples} live tuples · <span className={demo.deadTuples > 0 ? 'mvcc-dead' : ''}>{demo.deadTuples} dead tuples</span> · {demo.pages} page{demo.pages === 1 ? '' : 's'}
            </span>
          </p>
          <table className="vacuum-table mvcc-rows">
            <thead>
              <tr>
                <th>id</th>
                <th>value</th>
                <th title="Where the visible version lives: (page, item)">ctid</th>
                <th title="The transaction that created this version">xmin</th>
                <th title="The transaction that deleted or updated it (0: none)">xmax</th>
              </tr>
            </thead>
            <tbody>
              {demo.rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.id}</td>
                  <td>{r.value}</td>
                  <td className="vacuum-table-name">{r.ctid}</td>
                  <td className="vacuum-table-name">{r.xmin}</td>
                  <td className="vacuum-table-name">{r.xmax}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
