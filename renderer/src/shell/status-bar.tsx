import { useAppInfo } from '../app-state/app-info-store'
import { useAppearance } from '../app-state/appearance-store'
import { withShortcut } from '../ui/keyboard-shortcuts'
import { useNavigation } from '../app-state/navigation-store'
import { textScales } from '../app-state/text-scale'

/** The bottom line: the link to Tusk's engine, what runs, text size, shortcuts. */
export function StatusBar({ shortcutKeys }: { shortcutKeys: readonly string[] }) {
  const link = useAppInfo((s) => s.link)
  const info = useAppInfo((s) => s.info)
  const textScale = useAppearance((s) => s.textScale)
  const { biggerText, smallerText, resetText } = useAppearance.getState()
  const min = textScales[0]
  const max = textScales.at(-1) ?? min
  return (
    <footer className="status-bar">
      <span className={`link link-${link}`} data-testid="link-status" data-link={link} role={link === 'down' ? 'alert' : undefined}>
        <span className="link-dot" aria-hidden="true" />
        {link === 'up' ? (info?.transport === 'electron' ? 'Desktop' : 'Linked') : 'Link to Tusk lost: reconnecting…'}
      </span>
      {info && (
        <span className="muted">
          {info.transport === 'web' ? 'Web host' : 'Desktop app'} · Tusk {info.version}
        </span>
      )}
      {info && !info.secretsProtected && (
        <span className="status-warning" title={info.secretBackend === 'memory-only' ? 'The web host keeps passwords in memory for this run only.' : 'No OS keyring: saved passwords are only obfuscated on disk.'}>
          Passwords: {info.secretBackend === 'memory-only' ? 'memory only, this run' : 'not protected at rest'}
        </span>
      )}
      <span className="spacer" />
      <span className="text-size" role="group" aria-label="Text size">
        <button type="button" className="small-button" onClick={smallerText} disabled={textScale <= min} aria-label="Smaller text" title="Smaller text">
          A−
        </button>
        <button type="button" className="small-button text-size-value" onClick={resetText} title="Reset the text size" aria-label={`Text size ${Math.round(textScale * 100)}%, reset`}>
          {Math.round(textScale * 100)}%
        </button>
        <button type="button" className="small-button" onClick={biggerText} disabled={textScale >= max} aria-label="Larger text" title="Larger text, for projectors">
          A+
        </button>
      </span>
      <button type="button" className="small-button" onClick={() => useNavigation.getState().setShortcutsOpen(true)} title={withShortcut('Keyboard shortcuts', shortcutKeys)}>
        Shortcuts
      </button>
    </footer>
  )
}
