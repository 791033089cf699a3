/**
 * The whole plan tree as a standalone picture. The tree on screen draws only
 * what is in view, so exports draw every laid-out card again, off screen, with
 * the same component; colours come from CSS variables in the app, so each
 * element's computed fill, stroke and font are written inline.
 */
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { PlanTreeDrawing } from './plan-tree-drawing'
import { planTreeModel, type PlanTreeProps } from './plan-tree-model'

const inlined = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'font-family', 'font-size', 'font-weight', 'opacity'] as const

/** `color(srgb 0.9 0.3 0.2)` (how Chromium computes color-mix) as rgb(), which every SVG reader knows. */
function portable(value: string): string {
  return value.replace(/color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)(?: \/ ([\d.]+))?\)/g, (_, r, g, b, a) => {
    const [red, green, blue] = [r, g, b].map((c: string) => Math.round(Number(c) * 255))
    return a === undefined ? `rgb(${red}, ${green}, ${blue})` : `rgba(${red}, ${green}, ${blue}, ${a})`
  })
}

/** Computed styles of elements that look alike are asked for once (a 10,000-card tree has few kinds of element). */
function inlineStyles(svg: SVGSVGElement): void {
  const seen = new Map<string, string>()
  for (const element of svg.querySelectorAll<SVGElement>('*')) {
    const parent = element.parentElement
    const key = `${element.tagName}|${element.getAttribute('class')}|${element.getAttribute('style')}|${parent?.getAttribute('class')}|${parent?.parentElement?.getAttribute('class')}`
    let style = seen.get(key)
    if (style === undefined) {
      const computed = getComputedStyle(element)
      style = inlined.map((property) => `${property}: ${portable(computed.getPropertyValue(property))}`).join('; ')
      seen.set(key, style)
    }
    element.setAttribute('style', style)
  }
}

/** Every card of the tree as it is folded now, at full detail, as SVG markup of the given size. */
export function wholeTreeSvg(tree: PlanTreeProps): { markup: string; width: number; height: number } {
  const { layout, emphasis } = planTreeModel(tree)
  const margin = 20
  // Badges hang below the lowest cards.
  const width = Math.ceil(layout.width + 2 * margin)
  const height = Math.ceil(layout.height + 36 + 2 * margin)
  const host = document.createElement('div')
  host.style.cssText = 'position: fixed; left: -200000px; top: 0; visibility: hidden; pointer-events: none'
  document.body.append(host)
  const root = createRoot(host)
  try {
    flushSync(() =>
      root.render(
        <svg className="plan-tree" xmlns="http://www.w3.org/2000/svg" viewBox={`${layout.minX - margin} ${-margin} ${width} ${height}`} width={width} height={height}>
          <g>
            <PlanTreeDrawing placed={layout.placed} links={layout.links} emphasis={emphasis} detailed />
          </g>
        </svg>
      )
    )
    const svg = host.querySelector('svg')!
    const background = portable(getComputedStyle(svg).backgroundColor)
    inlineStyles(svg)
    svg.setAttribute('style', `background: ${background}`)
    for (const element of svg.querySelectorAll('[tabindex], [role]')) {
      element.removeAttribute('tabindex')
      element.removeAttribute('role')
    }
    return { markup: new XMLSerializer().serializeToString(svg), width, height }
  } finally {
    root.unmount()
    host.remove()
  }
}

/** Largest canvas side and area Chromium draws reliably. */
const maxSide = 16_384
const maxPixels = 40e6

/** The whole tree as a PNG: twice the screen size when it fits in a canvas, smaller when it must. */
export async function wholeTreePng(tree: PlanTreeProps): Promise<Blob> {
  const { markup, width, height } = wholeTreeSvg(tree)
  const scale = Math.min(2, maxSide / width, maxSide / height, Math.sqrt(maxPixels / (width * height)))
  const image = new Image()
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`
  await image.decode()
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.floor(width * scale))
  canvas.height = Math.max(1, Math.floor(height * scale))
  canvas.getContext('2d')!.drawImage(image, 0, 0, canvas.width, canvas.height)
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no PNG'))), 'image/png'))
}
