/**
 * The plan's one toolbar: the same controls, in the same places, whatever
 * the view (tree, grid, icicle, raw), so nothing jumps when the view changes
 * and export is always at hand. Colouring applies to the tree: elsewhere it
 * stays in place, disabled.
 */
import type { FlatNode } from '@shared/explain/analyse/plan-metrics'
import type { ReactNode } from 'react'
import { ViewSwitch } from '../../ui/view-switch'
import { hasTiming } from '@shared/explain/analyse/hottest-node'
import { colourLegend, colourScaleLabels, colourScalesFor, type ColourScale } from './plan-emphasis'
import { PlanMoreMenu } from './plan-more-menu'
import { usePlan, type PlanViewKind } from './plan-store'

const planViews: ReadonlyArray<readonly [PlanViewKind, string]> = [
  ['tree', 'Tree'],
  ['grid', 'Grid'],
  ['icicle', 'Icicle'],
  ['raw', 'Raw']
]

export interface PlanToolbarProps {
  /** Whether a capability offers advice (the Advice toggle). */
  hasAdvice: boolean
  onExportSvg: () => void
  onExportPng: () => void
  onSave: () => void
  /** The paste button, always in view. */
  paste: ReactNode
  /** Open file, compare: what brings another plan, in the "⋯" menu. */
  sources: ReactNode
}

export function PlanToolbar(props: PlanToolbarProps) {
  const { nodes, view, colourScale, detailsShown, adviceShown } = usePlan()
  const { setView, setColourScale, toggleDetails, toggleAdvice } = usePlan.getState()
  const legend = colourLegend(colourScale, nodes)
  const inTree = view === 'tree'
  return (
    <div className="plan-toolbar" role="toolbar" aria-label="Plan">
      <ViewSwitch views={planViews} active={view} onSelect={setView} label="Plan views" className="plan-views" />
      <label className="plan-colour" title={inTree ? legend : 'Colours the tree'}>
        Colour{' '}
        <select aria-label="Colour by" value={colourScale} disabled={!inTree} onChange={(e) => setColourScale(e.target.value as ColourScale)}>
          {colourScalesFor(nodes).map((scale) => (
            <option key={scale} value={scale}>
              {colourScaleLabels[scale]}
              {scale === 'cost' && !hasTiming(nodes) ? ' (not run)' : ''}
            </option>
          ))}
        </select>
      </label>
      <span className="plan-legend" aria-label={`Legend: ${legend}`} title={legend}>
        <span className="plan-legend-ramp" aria-hidden="true" />
      </span>
      <span className="spacer" />
      <button className="small-button" aria-pressed={detailsShown} onClick={toggleDetails} title="Show or hide the selected node's details beside the plan">
        Details
      </button>
      {props.hasAdvice && (
        <button className="small-button" aria-pressed={adviceShown} onClick={toggleAdvice} title="Show or hide the index advice beside the plan">
          Advice
        </button>
      )}
      <span className="plan-toolbar-group" role="group" aria-label="Export the tree">
        <button className="small-button" onClick={props.onExportSvg} aria-label="Export SVG" title="Export the whole tree as an SVG picture">
          ⤓ SVG
        </button>
        <button className="small-button" onClick={props.onExportPng} aria-label="Export PNG" title="Export the whole tree as a PNG picture">
          ⤓ PNG
        </button>
      </span>
      {props.paste}
      <PlanMoreMenu>
        <button className="small-button" onClick={props.onSave} title="Save the plan and its statement as a .tusk-plan.json file">
          Save…
        </button>
        {props.sources}
      </PlanMoreMenu>
    </div>
  )
}
