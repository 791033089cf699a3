import { shortcutLabel, type Shortcut } from '../ui/keyboard-shortcuts'
import { ModalDialog } from '../ui/modal-dialog'
import { comboLabel, isMacPlatform } from '../ui/shortcut-keys'
import { presenterKeyLabels } from '../ui/presenter-keys'

/** Built into Electron and browsers, listed so trainers find them. */
const builtIn = [
  { keys: ['Mod+='], description: 'Zoom in (the whole window)' },
  { keys: ['Mod+-'], description: 'Zoom out' },
  { keys: ['Mod+0'], description: 'Reset zoom' }
]

/** Keys of the SQL editor (bound by CodeMirror in features/query/sql-editor.tsx, not by the shell). */
const editorKeys = [
  { keys: ['Mod+Enter'], description: 'SQL editor: run the statement under the cursor, or the selection' },
  { keys: ['Mod+Shift+Enter'], description: 'SQL editor: run the whole script' },
  { keys: ['Ctrl+Space'], description: 'SQL editor: complete table and column names' }
]

/** Keys of the plan tree, when it has the focus (click it, or Tab to it). */
const planTreeKeys = [
  { keys: ['↑', '↓'], description: 'Plan tree: parent / first child' },
  { keys: ['←', '→'], description: 'Plan tree: previous / next sibling' },
  { keys: ['Enter'], description: 'Plan tree: fold or open the selected node' },
  { keys: ['+', '−'], description: 'Plan tree: zoom in / out' },
  { keys: ['0'], description: 'Plan tree: fit the tree (its hot path when the whole is too big to read)' }
]

/** Every keyboard shortcut, from the same list the shell binds, so the two cannot disagree. */
export function ShortcutsHelp({ shortcuts, onClose }: { shortcuts: readonly Shortcut[]; onClose: () => void }) {
  return (
    <ModalDialog title="Keyboard shortcuts" onDismiss={onClose} className="modal-narrow" testId="shortcuts-help">
      <table className="shortcut-table">
        <tbody>
          {[...shortcuts, ...editorKeys, ...builtIn].map((s) => (
            <tr key={s.description}>
              <td>{s.description}</td>
              <td>
                {s.keys.map((combo, i) => (
                  <span key={combo}>
                    {i > 0 && <span className="muted"> or </span>}
                    <kbd>{comboLabel(combo, isMacPlatform)}</kbd>
                  </span>
                ))}
              </td>
            </tr>
          ))}
          {[...planTreeKeys, ...presenterKeyLabels].map((s) => (
            <tr key={s.description}>
              <td>{s.description}</td>
              <td>
                {s.keys.map((key, i) => (
                  <span key={key}>
                    {i > 0 && <span className="muted"> / </span>}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="modal-text muted">In a browser, the browser keeps some of these for itself (such as {shortcutLabel(['Mod+N'])}): the Alt+Shift versions work there too.</p>
      <div className="modal-buttons">
        <span className="spacer" />
        <button type="button" className="primary" data-autofocus onClick={onClose}>
          Close
        </button>
      </div>
    </ModalDialog>
  )
}
