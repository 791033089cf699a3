/**
 * Text widths for the plan tree's cards, measured on a canvas with the fonts
 * the page uses (the theme's --font and --mono), not by laying out the DOM.
 * Widths are cached: a tree repeats the same few node names and figures.
 */
import { estimateTextWidth, type CardFont, type MeasureText } from './plan-card-content'

let context: CanvasRenderingContext2D | null | undefined
const widths = new Map<string, number>()
/** Enough for the cards of a big screenful many times over; beyond it the cache starts again. */
const cacheLimit = 50_000

function canvasContext(): CanvasRenderingContext2D | null {
  if (context === undefined) context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d')
  return context
}

const families = new Map<boolean, string>()

/** The theme's font stack (both themes use the same fonts). */
function family(mono: boolean): string {
  let value = families.get(mono)
  if (value === undefined) {
    value = getComputedStyle(document.documentElement).getPropertyValue(mono ? '--mono' : '--font').trim() || (mono ? 'monospace' : 'sans-serif')
    families.set(mono, value)
  }
  return value
}

export const measureCardText: MeasureText = (text: string, font: CardFont) => {
  const ctx = canvasContext()
  if (!ctx) return estimateTextWidth(text, font)
  const key = `${font.size}|${font.weight}|${font.mono ? 1 : 0}|${text}`
  let width = widths.get(key)
  if (width === undefined) {
    ctx.font = `${font.weight} ${font.size}px ${family(font.mono)}`
    // A pixel to spare: SVG text and canvas text round differently.
    width = ctx.measureText(text).width + 1
    if (widths.size >= cacheLimit) widths.clear()
    widths.set(key, width)
  }
  return width
}
