/**
 * Key combinations written as "Mod+Shift+L", matched against keyboard events.
 *
 * `Mod` is Cmd on macOS and Ctrl elsewhere. Letters match the character the
 * layout produces (Ctrl+L is Ctrl+L on Dvorak too) and fall back to the
 * physical key only when that character is not a Latin letter (a Cyrillic
 * layout, or macOS's Option producing "¬"), so shortcuts work on every layout.
 */
export interface KeyEventLike {
  key: string
  code: string
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
  altKey: boolean
}

export function matchesCombo(event: KeyEventLike, combo: string, mac: boolean): boolean {
  const parts = combo.split('+')
  const key = parts.at(-1)!
  const mods = new Set(parts.slice(0, -1))
  const wantCtrl = mods.has('Ctrl') || (mods.has('Mod') && !mac)
  const wantMeta = mods.has('Meta') || (mods.has('Mod') && mac)
  if (event.ctrlKey !== wantCtrl || event.metaKey !== wantMeta) return false
  if (event.altKey !== mods.has('Alt') || event.shiftKey !== mods.has('Shift')) return false
  return keyMatches(event, key)
}

function keyMatches(event: KeyEventLike, key: string): boolean {
  if (/^[0-9]$/.test(key)) return event.code === `Digit${key}` || event.code === `Numpad${key}` || event.key === key
  if (/^[A-Za-z]$/.test(key)) {
    if (/^[A-Za-z]$/.test(event.key)) return event.key.toLowerCase() === key.toLowerCase()
    return event.code === `Key${key.toUpperCase()}`
  }
  return event.key.toLowerCase() === key.toLowerCase()
}

/** How a combination is written on this platform: "Ctrl+Shift+L" or "⇧⌘L". */
export function comboLabel(combo: string, mac: boolean): string {
  const parts = combo.split('+')
  if (!mac) return parts.map((p) => (p === 'Mod' ? 'Ctrl' : p)).join('+')
  const symbols: Record<string, string> = { Mod: '⌘', Meta: '⌘', Ctrl: '⌃', Alt: '⌥', Shift: '⇧' }
  const key = parts.at(-1)!
  const order = ['Ctrl', 'Alt', 'Shift', 'Mod', 'Meta']
  const mods = parts.slice(0, -1).sort((a, b) => order.indexOf(a) - order.indexOf(b))
  return mods.map((m) => symbols[m] ?? m).join('') + key.toUpperCase()
}

export const isMacPlatform = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)
