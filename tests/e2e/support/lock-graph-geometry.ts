/** What the lock graph's drawing looks like on screen, as the locks and presenter specs check it. */
import type { Locator } from '@playwright/test'

/** Its extent in the canvas, arrows against boxes, the smallest text (on-screen px), the canvas's size. */
export async function graphGeometry(graph: Locator) {
  return graph.evaluate((svg: SVGSVGElement) => {
    const canvas = svg.getBoundingClientRect()
    const content = svg.querySelector('g')!.getBoundingClientRect()
    const boxes = [...svg.querySelectorAll('.lock-node rect')].map((rect) => rect.getBoundingClientRect())
    const crossings: string[] = []
    for (const path of svg.querySelectorAll<SVGPathElement>('.lock-edge path')) {
      const length = path.getTotalLength()
      const toScreen = path.getScreenCTM()!
      for (let at = 0; at <= length; at += 2) {
        const p = path.getPointAtLength(at).matrixTransform(toScreen)
        const inside = boxes.findIndex((b) => p.x > b.left + 3 && p.x < b.right - 3 && p.y > b.top + 3 && p.y < b.bottom - 3)
        if (inside !== -1) crossings.push(`${path.getAttribute('d')} under box ${inside}`)
      }
    }
    // On-screen size: the font size times the zoom of the drawing; every text and span that holds words.
    const scale = svg.querySelector('g')!.getScreenCTM()!.a
    const worded = [...svg.querySelectorAll('text, tspan')].filter((t) => [...t.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()))
    const fontSizes = worded.map((text) => parseFloat(getComputedStyle(text).fontSize) * scale)
    return {
      canvas: { width: canvas.width, height: canvas.height },
      widthShare: content.width / canvas.width,
      heightShare: content.height / canvas.height,
      crossings,
      smallestFont: Math.min(...fontSizes),
      inside: content.left >= canvas.left - 1 && content.right <= canvas.right + 1 && content.top >= canvas.top - 1 && content.bottom <= canvas.bottom + 1
    }
  })
}
