/**
 * Saving and exporting from the Plan tab, as browser downloads (the desktop
 * app turns a download into a save dialog).
 */
import { makePlanFile } from '@shared/explain/read/plan-file'
import { useNotices } from '../../app-state/notice-store'
import type { PlanTreeProps } from './plan-tree-model'
import { wholeTreePng, wholeTreeSvg } from './plan-tree-export'

export function download(name: string, data: Blob): void {
  const url = URL.createObjectURL(data)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

export function savePlanFile(plan: string, query: string | null, serverVersion: string | null): void {
  const name = `plan-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.tusk-plan.json`
  download(name, new Blob([JSON.stringify(makePlanFile(plan, query, serverVersion), null, 2)], { type: 'application/json' }))
  // A download gives no sign inside the page: say where it went.
  useNotices.getState().inform(`Plan saved as ${name}`)
}

/** The whole tree (not only the part on screen) as plan.svg. */
export function exportSvg(tree: PlanTreeProps): void {
  download('plan.svg', new Blob([wholeTreeSvg(tree).markup], { type: 'image/svg+xml' }))
}

/** The whole tree as plan.png, drawn at a readable scale where the canvas allows. */
export async function exportPng(tree: PlanTreeProps): Promise<void> {
  download('plan.png', await wholeTreePng(tree))
}
