/**
 * Saving and exporting from the Plan tab, as browser downloads (the desktop
 * app turns a download into a save dialog).
 */
import { makePlanFile } from '../../../../shared/explain/plan-file'

export function download(name: string, data: Blob): void {
  const url = URL.createObjectURL(data)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

export function savePlanFile(plan: string, query: string | null, serverVersion: string | null): void {
  download(`plan-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.tusk-plan.json`, new Blob([JSON.stringify(makePlanFile(plan, query, serverVersion), null, 2)], { type: 'application/json' }))
}

/**
 * The tree as a standalone SVG: colours come from CSS variables in the app,
 * so each element's computed fill, stroke and font are written inline first.
 */
export function exportSvg(svg: SVGSVGElement): void {
  const clone = svg.cloneNode(true) as SVGSVGElement
  const source = svg.querySelectorAll('*')
  const target = clone.querySelectorAll('*')
  source.forEach((element, i) => {
    const style = getComputedStyle(element)
    const out = target[i] as SVGElement
    for (const property of ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'font-family', 'font-size', 'font-weight', 'opacity']) {
      out.style.setProperty(property, style.getPropertyValue(property))
    }
  })
  const box = (svg.querySelector('g') as SVGGElement).getBBox()
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg')
  clone.setAttribute('viewBox', `${box.x - 20} ${box.y - 20} ${box.width + 40} ${box.height + 40}`)
  clone.setAttribute('width', String(Math.ceil(box.width + 40)))
  clone.setAttribute('height', String(Math.ceil(box.height + 40)))
  clone.querySelector('g')?.removeAttribute('transform')
  clone.style.background = getComputedStyle(svg).backgroundColor
  download('plan.svg', new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml' }))
}
