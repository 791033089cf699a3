import { describe, expect, it } from 'vitest'
import { nearestTextScale, stepTextScale, textScales } from '../../../../renderer/src/app-state/text-scale'

describe('text size', () => {
  it('steps up and down the ladder and stops at its ends', () => {
    expect(stepTextScale(1, 1)).toBe(1.15)
    expect(stepTextScale(1.15, -1)).toBe(1)
    expect(stepTextScale(1, -1)).toBe(1)
    expect(stepTextScale(textScales.at(-1)!, 1)).toBe(textScales.at(-1))
  })

  it('snaps a stored value that is not on the ladder, and ignores garbage', () => {
    expect(nearestTextScale(1.28)).toBe(1.3)
    expect(nearestTextScale(Number('huge'))).toBe(1)
    expect(nearestTextScale(40)).toBe(textScales.at(-1))
  })
})
