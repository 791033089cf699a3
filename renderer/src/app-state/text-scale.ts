/** The steps of the text-size control, as a factor of the base size. */
export const textScales = [1, 1.15, 1.3, 1.5, 1.75] as const

/** The step nearest to a stored value, so a hand-edited value cannot break the layout. */
export function nearestTextScale(value: number): number {
  if (!Number.isFinite(value)) return 1
  return textScales.reduce<number>((best, step) => (Math.abs(step - value) < Math.abs(best - value) ? step : best), textScales[0])
}

/** The next step up or down the ladder, stopping at its ends. */
export function stepTextScale(current: number, direction: 1 | -1): number {
  const index = textScales.findIndex((step) => step === nearestTextScale(current))
  const next = Math.min(textScales.length - 1, Math.max(0, index + direction))
  return textScales[next]!
}
