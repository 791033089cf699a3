/**
 * Each runtime's tsconfig says what globals its code may assume.
 *
 * A probe file is compiled, in memory, at a path inside the folder a config covers, with that
 * config's options: Node's `Buffer` must not exist in shared/, the DOM's `document` must not exist
 * on the main side, and both stay usable where they belong (so the probe itself is not broken).
 */
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '..', '..', '..')

function diagnosticsOf(config: string, probePath: string, source: string): string[] {
  const configFile = path.join(root, config)
  const { config: raw } = ts.readConfigFile(configFile, ts.sys.readFile)
  const { options, fileNames } = ts.parseJsonConfigFileContent(raw, ts.sys, root, undefined, configFile)
  const probe = path.join(root, probePath)
  const host = ts.createCompilerHost(options)
  const readFile = host.readFile.bind(host)
  const getSourceFile = host.getSourceFile.bind(host)
  host.fileExists = (file) => file === probe || ts.sys.fileExists(file)
  host.readFile = (file) => (file === probe ? source : readFile(file))
  host.getSourceFile = (file, language) => (file === probe ? ts.createSourceFile(file, source, language) : getSourceFile(file, language))
  // The config's own declaration files (e.g. shared/runtime-globals.d.ts) come along, as in a real check.
  const program = ts.createProgram([probe, ...fileNames.filter((file) => file.endsWith('.d.ts'))], options, host)
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === probe)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
}

describe('per-runtime type checking', { timeout: 30_000 }, () => {
  it('Buffer in shared/ does not compile', () => {
    const errors = diagnosticsOf('tsconfig.shared.json', 'shared/explain/probe.ts', "export const bytes = Buffer.from('plan')\n")
    expect(errors.join('\n')).toMatch(/Cannot find name 'Buffer'/)
  })

  it('document in a service does not compile', () => {
    const errors = diagnosticsOf('tsconfig.node.json', 'electron/core/services/query/probe.ts', 'export const title = document.title\n')
    expect(errors.join('\n')).toMatch(/Cannot find name 'document'/)
  })

  it('Node in the renderer does not compile', () => {
    const errors = diagnosticsOf('tsconfig.renderer.json', 'renderer/src/features/query/probe.ts', "export const cwd = process.cwd()\n")
    expect(errors.join('\n')).toMatch(/Cannot find name 'process'/)
  })

  it('each runtime keeps what it has: Buffer on the main side, document in the renderer, TextEncoder everywhere', () => {
    expect(diagnosticsOf('tsconfig.node.json', 'electron/core/services/query/probe.ts', "export const bytes = Buffer.from('plan')\n")).toEqual([])
    expect(diagnosticsOf('tsconfig.renderer.json', 'renderer/src/features/query/probe.ts', 'export const title = document.title\n')).toEqual([])
    expect(diagnosticsOf('tsconfig.shared.json', 'shared/explain/probe.ts', "export const size = new TextEncoder().encode('plan').length\n")).toEqual([])
  })
})
