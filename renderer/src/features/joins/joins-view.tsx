/**
 * The Joins tab: a JOIN built step by step on the user's own rows, for a room.
 *
 * Step / back / play with a speed, space and ←/→ on the keyboard, narration
 * with a running counter, a question to answer before the step, and a switch
 * to the physical replay of the plan's algorithm. Type is large on purpose.
 */
import { useEffect, useRef, useState } from 'react'
import type { JoinSteps } from '@shared/joins/join-model'
import { selectConnectedId, useConnections } from '../../app-state/connections-store'
import { openJoinStepper, rerunJoinStepper } from './joins-actions'
import { useJoins } from './joins-store'
import { JoinReplayView } from './join-replay-view'
import { ResultTrace } from './join-result-trace'
import { InputTable, JoinOutput, PairGrid, WhereTable } from './join-tables'
import { JoinPicker } from './join-picker'
import { usePresenter } from '../../app-state/presenter-store'
import { presenterAction } from '../../ui/presenter-keys'

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
}

export function JoinsView({ active }: { active: boolean }) {
  const { steps, loading, error, request, index, view, playing, speedMs, sampleSize, interestingRows } = useJoins()
  const connected = useConnections(selectConnectedId)
  const root = useRef<HTMLElement>(null)
  const requestSql = request && 'sql' in request ? request.sql : ''

  useEffect(() => {
    if (!active || !steps) return
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return
      const s = useJoins.getState()
      // Presenter mode adds a clicker's Page Down / Page Up, n / p, Home / End; ↑ / ↓ still scroll.
      const action = usePresenter.getState().presenting ? presenterAction(e, { vertical: false }) : null
      if (e.key === ' ' || e.key === 'ArrowRight' || action === 'next') s.step(1)
      else if (e.key === 'ArrowLeft' || action === 'previous') s.step(-1)
      else if (action === 'first' || action === 'last') s.setIndex(action === 'first' ? 0 : Number.MAX_SAFE_INTEGER)
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [active, steps])

  useEffect(() => {
    if (!playing) return
    const timer = setTimeout(() => useJoins.getState().step(1), speedMs)
    return () => clearTimeout(timer)
  }, [playing, index, speedMs])

  const fullScreen = () => void (document.fullscreenElement ? document.exitFullscreen() : root.current?.requestFullscreen())?.catch(() => undefined)

  return (
    <section className="joins-view" ref={root} aria-label="Join stepper">
      <header className="joins-header">
        <h2>Join stepper</h2>
        {request && <code className="joins-sql" title={steps?.sql ?? requestSql}>{steps?.sql ?? requestSql}</code>}
        <span className="spacer" />
        <label>
          Rows per table{' '}
          <input type="number" min={1} max={50} value={sampleSize} onChange={(e) => useJoins.getState().setSampleSize(Number(e.target.value))} />
        </label>
        <label title="On: rows with matching, duplicate and NULL keys are sampled first, so the join has something to show. Off: the table's first rows.">
          <input type="checkbox" checked={interestingRows} onChange={(e) => useJoins.getState().setInterestingRows(e.target.checked)} /> Pick interesting rows
        </label>
        <button disabled={!request || loading} onClick={() => void rerunJoinStepper()}>
          Sample again
        </button>
        <span role="group" aria-label="View" className="join-method-switch">
          <button aria-pressed={view === 'steps'} className={view === 'steps' ? 'primary' : undefined} onClick={() => useJoins.getState().setView('steps')}>
            Logical steps
          </button>
          <button aria-pressed={view === 'replay'} className={view === 'replay' ? 'primary' : undefined} disabled={!steps} onClick={() => useJoins.getState().setView('replay')}>
            Physical replay
          </button>
        </span>
        <button onClick={fullScreen} title="Full screen (Esc leaves)">
          Full screen
        </button>
      </header>
      {loading && <p className="join-narration" role="status">Sampling the tables and asking PostgreSQL about every pair…</p>}
      {error && (
        <div className="join-error" role="alert">
          {error.message}
        </div>
      )}
      {!steps && !loading && !error && (
        <div className="join-empty">
          <p>Pick two or three tables below, or write a query with a JOIN in the SQL tab (for example on the sandbox: members LEFT JOIN loans), put the cursor in it and press “Step through joins”, or type one below.</p>
          <p className="muted">A few rows of each table are sampled; PostgreSQL itself judges every pair, so NULLs, duplicates and type coercions behave exactly as in the real query.</p>
        </div>
      )}
      <JoinPicker connectionId={request?.connectionId ?? connected} open={!steps} active={active} />
      <QueryBox key={steps?.sql} />
      {steps && !loading && (view === 'steps' ? <StepPanel steps={steps} index={index} playing={playing} speedMs={speedMs} /> : <JoinReplayView steps={steps} />)}
    </section>
  )
}

function StepPanel({ steps, index, playing, speedMs }: { steps: JoinSteps; index: number; playing: boolean; speedMs: number }) {
  const step = steps.steps[index]!
  const [revealed, setRevealed] = useState(-1)
  const s = useJoins.getState()
  const last = steps.steps.length - 1
  const next = steps.steps[index + 1]
  return (
    <div className="join-steps">
      <div className="join-controls" role="toolbar" aria-label="Step controls">
        <button onClick={() => s.step(-1)} disabled={index === 0} aria-label="Back" title="Back (←)">
          ◀ Back
        </button>
        <button onClick={() => s.setPlaying(!playing)} disabled={index === last} aria-label={playing ? 'Pause' : 'Play'}>
          {playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <button className="primary" onClick={() => s.step(1)} disabled={index === last} aria-label="Step" title="Step (space or →)">
          Step ▶
        </button>
        <label>
          Speed{' '}
          <select value={speedMs} onChange={(e) => s.setSpeed(Number(e.target.value))}>
            <option value={3000}>slow</option>
            <option value={1800}>normal</option>
            <option value={900}>fast</option>
          </select>
        </label>
        <span className="join-progress">
          Step {index + 1} of {steps.steps.length}
        </span>
      </div>
      <div className="join-explain">
        <h3>{step.title}</h3>
        <p className="join-narration">{step.narration}</p>
        <p className="join-counter" role="status" aria-label="Counter">
          {step.counter}
        </p>
        {next?.prediction && (
          <p className="join-predict">
            Before the next step: {next.prediction.question}{' '}
            {revealed === index + 1 ? <strong>{next.prediction.answer}</strong> : <button onClick={() => setRevealed(index + 1)}>Reveal</button>}
          </p>
        )}
      </div>
      <StepVisual steps={steps} index={index} />
    </div>
  )
}

function StepVisual({ steps, index }: { steps: JoinSteps; index: number }) {
  const step = steps.steps[index]!
  const stage = steps.joins.find((j) => j.id === step.joinId)
  switch (step.kind) {
    case 'inputs':
      return (
        <div className="join-inputs">
          {steps.inputs.map((input) => (
            <InputTable key={input.id} input={input} />
          ))}
        </div>
      )
    case 'grid':
      return stage ? <PairGrid stage={stage} reveal={false} /> : null
    case 'filter':
      return stage ? <PairGrid stage={stage} reveal /> : null
    case 'matched':
      return stage ? (
        <div className="join-split">
          <PairGrid stage={stage} reveal onlyMatches />
          <JoinOutput stage={stage} withPadding={false} />
        </div>
      ) : null
    case 'padding':
      return stage ? <JoinOutput stage={stage} withPadding /> : null
    case 'semi':
      return stage ? (
        <div className="join-split">
          <PairGrid stage={stage} reveal />
          <JoinOutput stage={stage} withPadding={false} />
        </div>
      ) : null
    case 'where':
      return steps.where ? <WhereTable steps={steps} /> : null
    case 'summary':
      return <ResultTrace steps={steps} />
  }
}

const example = 'select m.id, m.full_name, l.id as loan_id\nfrom members m\nleft join loans l on l.member_id = m.id'

/** A query typed here, on the connection in use: for a trainer who does not want to switch tabs. */
function QueryBox() {
  const connected = useConnections(selectConnectedId)
  const request = useJoins((s) => s.request)
  const shownSql = useJoins((s) => s.steps?.sql)
  const loading = useJoins((s) => s.loading)
  const [text, setText] = useState<string | null>(null)
  const typed = request && 'sql' in request && request.cursorOffset === undefined ? request.sql : undefined
  const sql = text ?? shownSql ?? typed ?? example
  const connectionId = request?.connectionId ?? connected
  return (
    <details className="join-query-box" open={!request || 'pick' in request}>
      <summary>Query</summary>
      <textarea aria-label="Join query" value={sql} spellCheck={false} rows={Math.min(6, Math.max(2, sql.split('\n').length))} onChange={(e) => setText(e.target.value)} />
      <button className="primary" disabled={!connectionId || loading || !sql.trim()} onClick={() => connectionId && void openJoinStepper({ connectionId, sql })}>
        Step through this query
      </button>
      {!connectionId && <span className="muted"> Connect to a server first.</span>}
    </details>
  )
}
