/**
 * The bench page for Tusk: the real Plan view of the app (tree, toolbar,
 * details panel) on a generated plan, driven by `window.bench`.
 */
import { createRoot } from 'react-dom/client'
import { PlanView } from '../../renderer/src/features/explain/plan-view'
import { usePlan } from '../../renderer/src/features/explain/plan-store'
import { busyAfterFirstRender, clickToSelect, panZoomFrameRate, timeToFirstRender, zoomTarget } from './measure'
import '../../renderer/src/styles/base.css'
import '../../renderer/src/styles/shell.css'
import '../../renderer/src/styles/app.css'

createRoot(document.getElementById('root')!).render(<PlanView />)

Object.assign(window, {
  bench: {
    /** `folded`: the app's default for big plans; `all`: every node on the tree, nothing folded. */
    mount: (text: string, mode: 'folded' | 'all', timeoutMs: number) =>
      timeToFirstRender(
        () => {
          const { load } = usePlan.getState()
          if (!load(text, { kind: 'pasted' })) throw new Error('the generated plan did not parse')
          if (mode === 'all') {
            const parents = new Set(usePlan.getState().nodes.flatMap((f) => (f.parentId === null ? [] : [f.parentId])))
            usePlan.setState({ collapsed: new Set(), expanded: parents })
          }
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
