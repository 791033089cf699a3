/**
 * The bench page for Tusk: the real Plan view of the app (tree, toolbar,
 * details panel) on a generated plan, driven by `window.bench`.
 */
import { createRoot } from 'react-dom/client'
import { PlanView } from '../../renderer/src/features/explain/plan-view'
import { planWorkerThreshold, usePlan } from '../../renderer/src/features/explain/plan-store'
import { busyAfterFirstRender, clickToSelect, panZoomFrameRate, timeToFirstRender, zoomTarget } from './measure'
import '../../renderer/src/styles/base.css'
import '../../renderer/src/styles/shell.css'
import '../../renderer/src/styles/app.css'

createRoot(document.getElementById('root')!).render(<PlanView />)

Object.assign(window, {
  bench: {
    /**
     * `folded`: the app's default for big plans; `all`: every node on the tree, nothing folded.
     * `worker`: 'auto' reads plans past the app's threshold in the worker, 'always' / 'never' every plan.
     */
    mount: (text: string, mode: 'folded' | 'all', timeoutMs: number, worker: 'auto' | 'always' | 'never') =>
      timeToFirstRender(
        () => {
          if (worker !== 'auto') planWorkerThreshold.jsonChars = planWorkerThreshold.textChars = worker === 'always' ? 0 : Infinity
          const { load, planKey } = usePlan.getState()
          // Unfolded as soon as the plan is in the store (a plan read in the worker arrives later), before React draws it.
          const unfold = () => {
            const parents = new Set(usePlan.getState().nodes.flatMap((f) => (f.parentId === null ? [] : [f.parentId])))
            usePlan.setState({ collapsed: new Set(), expanded: parents })
          }
          if (mode === 'all') {
            const stop = usePlan.subscribe((state) => {
              if (state.planKey === planKey) return
              stop()
              unfold()
            })
          }
          if (!load(text, { kind: 'pasted' })) throw new Error('the generated plan did not parse')
        },
        '.plan-node',
        timeoutMs
      ),
    click: () => {
      const nodes = document.querySelectorAll('.plan-tree .plan-node:not(.selected)')
      return clickToSelect(nodes[Math.floor(nodes.length / 2)]!, '.plan-node.selected[data-node-id]:not([data-node-id="0"])')
    },
    busy: () => busyAfterFirstRender(),
    panZoom: (kind: 'wheel' | 'drag') => panZoomFrameRate(zoomTarget(), kind)
  }
})
