import { describe, expect, it } from 'vitest'
import { presenterAction, type PresenterKeyEvent } from '../../../../renderer/src/ui/presenter-keys'

const key = (k: string, mods: Partial<PresenterKeyEvent> = {}): PresenterKeyEvent => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods })

describe('presenter keys', () => {
  it('step forward with n, the right arrow and a clicker’s Page Down; back with p, the left arrow and Page Up', () => {
    for (const k of ['n', 'N', 'ArrowRight', 'ArrowDown', 'PageDown']) expect(presenterAction(key(k)), k).toBe('next')
    for (const k of ['p', 'P', 'ArrowLeft', 'ArrowUp', 'PageUp']) expect(presenterAction(key(k)), k).toBe('previous')
    expect(presenterAction(key('r'))).toBe('reveal')
    expect(presenterAction(key('Home'))).toBe('first')
    expect(presenterAction(key('End'))).toBe('last')
  })

  it('leave shortcuts with a modifier (Ctrl+P prints, Ctrl+N opens a connection) and other letters alone', () => {
    expect(presenterAction(key('p', { ctrlKey: true }))).toBeNull()
    expect(presenterAction(key('n', { metaKey: true }))).toBeNull()
    expect(presenterAction(key('ArrowRight', { altKey: true }))).toBeNull()
    expect(presenterAction(key('x'))).toBeNull()
  })

  it('leave ↑ and ↓ to the page where it scrolls (the join stepper)', () => {
    expect(presenterAction(key('ArrowDown'), { vertical: false })).toBeNull()
    expect(presenterAction(key('ArrowUp'), { vertical: false })).toBeNull()
    expect(presenterAction(key('PageDown'), { vertical: false })).toBe('next')
  })
})
