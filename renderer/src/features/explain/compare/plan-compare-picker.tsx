/** Choosing plan B: paste it, open or drop a file, or take the plan shown before this one. */
import { useState, type DragEvent } from 'react'
import { readPlanFile } from '@shared/explain/read/plan-file'
import { ms } from '../plan-format'
import { OpenPlanFile, PlanParseError } from '../plan-source-parts'
import { usePlanCompare } from './plan-compare-store'

export function PlanComparePicker() {
  const { previous, error } = usePlanCompare()
  const { compareWithText, compareWithPrevious, close } = usePlanCompare.getState()
  const [draft, setDraft] = useState('')
  const openText = (text: string) => {
    const file = readPlanFile(text)
    if (!compareWithText(file.plan, { kind: 'pasted', statement: file.query ?? undefined, serverVersion: file.serverVersion ?? undefined })) setDraft(file.plan)
  }
  const onDrop = (event: DragEvent) => {
    const file = event.dataTransfer.files[0]
    if (!file) return
    event.preventDefault()
    void file.text().then(openText)
  }
  return (
    <div className="plan-paste" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <label htmlFor="plan-compare-source">Plan B, to compare with the plan shown (A): EXPLAIN output as text or FORMAT JSON</label>
      <textarea id="plan-compare-source" value={draft} onChange={(e) => setDraft(e.target.value)} spellCheck={false} rows={12} />
      <PlanParseError error={error} />
      <div className="dialog-buttons">
        <button className="primary" onClick={() => openText(draft)}>
          Compare
        </button>
        <OpenPlanFile onText={openText} />
        {previous && (
          <button onClick={compareWithPrevious}>
            Compare the previous plan{previous.plan.executionTimeMs !== null ? ` (${ms(previous.plan.executionTimeMs)})` : ''} with this one
          </button>
        )}
        <button onClick={close}>Cancel</button>
      </div>
      <p className="muted">…or drop a plan file here. Running Explain Analyze again from the editor also keeps this plan, to compare the new one with.</p>
    </div>
  )
}
