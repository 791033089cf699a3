/**
 * The psql sessions captured as paste fixtures (tests/fixtures/plans/pastes),
 * written by tests/integration/explain/capture-pastes.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

export const pastedCaseNames = ['hash-join', 'initplan'] as const
export const pastedMajors = [18, 15] as const

export interface PasteStyle {
  name: string
  /** psql's echo flag: `-a` echoes every input line, `-e` each query sent. */
  echo: '-a' | '-e'
  pset: string[]
}

const unicodeFrame = ['linestyle unicode', 'border 2']

export const pasteStyles: PasteStyle[] = [
  { name: 'aligned-echo-all', echo: '-a', pset: [] },
  { name: 'aligned-echo-queries', echo: '-e', pset: [] },
  { name: 'unicode-border-1', echo: '-e', pset: ['linestyle unicode', 'border 1'] },
  { name: 'unicode-single', echo: '-a', pset: unicodeFrame },
  { name: 'unicode-double', echo: '-a', pset: [...unicodeFrame, 'unicode_border_linestyle double'] },
  { name: 'unicode-double-header', echo: '-e', pset: [...unicodeFrame, 'unicode_header_linestyle double'] },
  { name: 'unicode-double-column', echo: '-e', pset: [...unicodeFrame, 'unicode_border_linestyle double', 'unicode_column_linestyle double'] },
  {
    name: 'unicode-double-all',
    echo: '-a',
    pset: [...unicodeFrame, 'unicode_border_linestyle double', 'unicode_column_linestyle double', 'unicode_header_linestyle double']
  },
  { name: 'ascii-border-2', echo: '-e', pset: ['border 2'] }
]

export const pasteDir = path.resolve(import.meta.dirname, '..', '..', '..', 'fixtures', 'plans', 'pastes')

export function pasteFile(name: string): string | null {
  const file = path.join(pasteDir, name)
  return existsSync(file) ? readFileSync(file, 'utf8') : null
}

/** A psql session as a terminal shows it: each typed line after its prompt. */
export function withPrompts(session: string, prompt: string, continuation: string): string {
  let open = false
  return session
    .split('\n')
    .map((line) => {
      if (!open && !/^(\\|set |create |analyze |explain |select )/.test(line)) return line
      const shown = (open ? continuation : prompt) + line
      open = !line.startsWith('\\') && !line.trimEnd().endsWith(';')
      return shown
    })
    .join('\n')
}
