import { useEffect, useRef } from 'react'
import { comboLabel, isMacPlatform, matchesCombo } from './shortcut-keys'

export interface Shortcut {
  /** One or more combinations, e.g. ["Mod+N", "Alt+Shift+N"]; the first is the one shown first. */
  keys: readonly string[]
  /** What it does, for tooltips and the shortcut list. */
  description: string
  run: () => void
  /** Also active while a modal dialog is open (e.g. the theme toggle). */
  inModal?: boolean
}

/** "Ctrl+Shift+L", or "Ctrl+N or Alt+Shift+N" when there are several. */
export function shortcutLabel(keys: readonly string[]): string {
  return keys.map((combo) => comboLabel(combo, isMacPlatform)).join(' or ')
}

/** A tooltip with the shortcut in it: "Light theme (Ctrl+Shift+L)". */
export function withShortcut(text: string, keys: readonly string[]): string {
  return `${text} (${shortcutLabel(keys)})`
}

function modalOpen(): boolean {
  return document.querySelector('dialog[open]:modal') !== null
}

/**
 * App-wide shortcuts, active wherever the focus is (text fields included).
 *
 * Keys a focused widget already handled (CodeMirror's own bindings) are left
 * alone, and while a modal dialog is open only the shortcuts meant for it run,
 * so Ctrl+N cannot open a second dialog over a half-filled form.
 */
export function useKeyboardShortcuts(shortcuts: readonly Shortcut[]): void {
  const current = useRef(shortcuts)
  current.current = shortcuts
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return
      const hit = current.current.find((s) => s.keys.some((combo) => matchesCombo(event, combo, isMacPlatform)))
      if (!hit || (!hit.inModal && modalOpen())) return
      event.preventDefault()
      if (!event.repeat) hit.run()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
