import { useEffect } from 'react'

export interface Shortcut {
  /** e.g. "Mod+Shift+L": Mod is Ctrl, or Cmd on macOS. */
  keys: string
  run: () => void
}

const isMac = /Mac|iPhone|iPad/.test(navigator.platform)

/** How a shortcut is written in tooltips on this platform. */
export function shortcutLabel(keys: string): string {
  return keys.replace('Mod', isMac ? '⌘' : 'Ctrl')
}

function matches(event: KeyboardEvent, keys: string): boolean {
  const parts = keys.split('+')
  const key = parts[parts.length - 1]!.toLowerCase()
  const mod = isMac ? event.metaKey : event.ctrlKey
  return (
    parts.includes('Mod') === mod &&
    parts.includes('Shift') === event.shiftKey &&
    parts.includes('Alt') === event.altKey &&
    event.key.toLowerCase() === key
  )
}

/** App-wide shortcuts, active wherever the focus is (including text fields). */
export function useKeyboardShortcuts(shortcuts: Shortcut[]): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const hit = shortcuts.find((s) => matches(event, s.keys))
      if (!hit) return
      event.preventDefault()
      hit.run()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [shortcuts])
}
