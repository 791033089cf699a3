/**
 * The SQL editor: CodeMirror 6 with the PostgreSQL dialect.
 *
 * It never rewrites the user's SQL. Ctrl/Cmd+Enter runs the statement under
 * the cursor (or the selection), Ctrl/Cmd+Shift+Enter the whole script; a
 * server error puts a marker at its position.
 */
import { setDiagnostics } from '@codemirror/lint'
import { Compartment, EditorState } from '@codemirror/state'
import { EditorView, keymap } from '@codemirror/view'
import { basicSetup } from 'codemirror'
import { useEffect, useRef } from 'react'
import type { CompletionSchema } from '@shared/schema/completion-schema'
import { sqlLanguage } from './sql-completion'
import { sqlHighlighting } from './sql-highlight'

export interface RunRequest {
  sql: string
  /** Offset of the cursor when running "the statement under the cursor". */
  cursorOffset?: number
  /** Where `sql` starts in the editor (a selection), to place error markers. */
  baseOffset: number
}

export interface EditorMarker {
  /** 1-based character position, as PostgreSQL reports it. */
  position: number
  message: string
}

interface Props {
  value: string
  onChange: (value: string) => void
  onRun: (request: RunRequest) => void
  marker: EditorMarker | null
  /** Names of the connected database, for autocomplete. */
  completion?: CompletionSchema
  /** Filled with functions that run from the editor's current state (toolbar buttons use them). */
  runRef?: { current: { statement: () => void; script: () => void; current: () => RunRequest } | null }
}

export function SqlEditor({ value, onChange, onRun, marker, completion, runRef }: Props) {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | null>(null)
  const language = useRef(new Compartment())
  // Handlers change every render; the editor keeps reading the latest.
  const latest = useRef({ onChange, onRun })
  latest.current = { onChange, onRun }

  useEffect(() => {
    const runKeys = keymap.of([
      { key: 'Mod-Enter', run: (v) => (latest.current.onRun(currentStatementRequest(v)), true) },
      { key: 'Mod-Shift-Enter', run: (v) => (latest.current.onRun({ sql: v.state.doc.toString(), baseOffset: 0 }), true) }
    ])
    const created = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          runKeys,
          // Ours first: it takes precedence over basicSetup's light-only palette.
          sqlHighlighting,
          basicSetup,
          language.current.of(sqlLanguage(completion)),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': 'SQL editor' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current.onChange(update.state.doc.toString())
          })
        ]
      })
    })
    view.current = created
    if (runRef) {
      runRef.current = {
        statement: () => latest.current.onRun(currentStatementRequest(created)),
        script: () => latest.current.onRun({ sql: created.state.doc.toString(), baseOffset: 0 }),
        current: () => currentStatementRequest(created)
      }
    }
    return () => created.destroy()
    // The document is seeded once; later changes come from the editor itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(sqlLanguage(completion)) })
  }, [completion])

  // Text set from outside (history, a new tab) replaces the document; the editor's own edits arrive equal.
  useEffect(() => {
    const v = view.current
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } })
  }, [value])

  useEffect(() => {
    const v = view.current
    if (!v) return
    if (!marker) {
      v.dispatch(setDiagnostics(v.state, []))
      return
    }
    const length = v.state.doc.length
    const from = Math.min(Math.max(marker.position - 1, 0), length)
    const word = v.state.doc.sliceString(from, Math.min(from + 64, length)).match(/^[\w$."]+/)?.[0].length ?? 1
    v.dispatch(setDiagnostics(v.state, [{ from, to: Math.min(from + word, length), severity: 'error', message: marker.message }]))
  }, [marker])

  return <div className="sql-editor" ref={host} data-testid="sql-editor" />
}

/** The selection if there is one, else the whole text with the cursor position. */
function currentStatementRequest(view: EditorView): RunRequest {
  const selection = view.state.selection.main
  if (!selection.empty) return { sql: view.state.sliceDoc(selection.from, selection.to), baseOffset: selection.from }
  return { sql: view.state.doc.toString(), cursorOffset: selection.head, baseOffset: 0 }
}
