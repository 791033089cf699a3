import { describe, expect, it } from 'vitest'
import { comboLabel, matchesCombo, type KeyEventLike } from '../../../../renderer/src/ui/shortcut-keys'

function key(key: string, code: string, mods: Partial<KeyEventLike> = {}): KeyEventLike {
  return { key, code, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods }
}

describe('keyboard shortcuts', () => {
  it('reads Mod as Ctrl on Windows and Linux and as Cmd on macOS', () => {
    expect(matchesCombo(key('n', 'KeyN', { ctrlKey: true }), 'Mod+N', false)).toBe(true)
    expect(matchesCombo(key('n', 'KeyN', { metaKey: true }), 'Mod+N', true)).toBe(true)
    expect(matchesCombo(key('n', 'KeyN', { ctrlKey: true }), 'Mod+N', true)).toBe(false)
  })

  it('needs exactly the modifiers of the combination', () => {
    expect(matchesCombo(key('L', 'KeyL', { ctrlKey: true, shiftKey: true }), 'Mod+Shift+L', false)).toBe(true)
    expect(matchesCombo(key('l', 'KeyL', { ctrlKey: true }), 'Mod+Shift+L', false)).toBe(false)
    expect(matchesCombo(key('N', 'KeyN', { ctrlKey: true, shiftKey: true }), 'Mod+N', false)).toBe(false)
  })

  it('finds digits by their key position, whatever Shift or the layout makes of them', () => {
    expect(matchesCombo(key('&', 'Digit1', { ctrlKey: true }), 'Mod+1', false)).toBe(true)
    expect(matchesCombo(key('!', 'Digit1', { altKey: true, shiftKey: true }), 'Alt+Shift+1', false)).toBe(true)
  })

  it('follows the layout for letters, and the key position only when the layout gives no Latin letter', () => {
    // Dvorak: the key that types "l" sits where QWERTY has "p".
    expect(matchesCombo(key('l', 'KeyP', { ctrlKey: true }), 'Mod+L', false)).toBe(true)
    expect(matchesCombo(key('n', 'KeyL', { ctrlKey: true }), 'Mod+L', false)).toBe(false)
    // Russian layout: "д" on the L key.
    expect(matchesCombo(key('д', 'KeyL', { ctrlKey: true }), 'Mod+L', false)).toBe(true)
  })

  it('is written the way each platform writes it', () => {
    expect(comboLabel('Mod+Shift+L', false)).toBe('Ctrl+Shift+L')
    expect(comboLabel('Mod+Shift+L', true)).toBe('⇧⌘L')
  })
})
