/**
 * The architecture, enforced: where code runs decides what it may import.
 *
 * shared/   runs anywhere: no Node built-ins, no electron, no DOM-only packages.
 * electron/core/ runs in plain Node (under every host: Electron, web host, CLI): no electron, no host.
 * renderer/ never imports main-process code or Node built-ins.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '..', '..', '..')

function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...sourceFiles(rel))
    else if (/\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel)
  }
  return out
}

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8')
  const found: string[] = []
  for (const match of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm)) {
    found.push((match[1] ?? match[2] ?? match[3])!)
  }
  return found
}

function resolvesInto(file: string, specifier: string, dir: string): boolean {
  if (!specifier.startsWith('.')) return false
  const target = path.normalize(path.join(path.dirname(file), specifier))
  return target === dir || target.startsWith(dir + path.sep)
}

function violations(dir: string, isForbidden: (file: string, specifier: string) => boolean): string[] {
  return sourceFiles(dir).flatMap((file) => importsOf(file).filter((s) => isForbidden(file, s)).map((s) => `${file} imports ${s}`))
}

const nodeBuiltin = (s: string) => s.startsWith('node:') || ['fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto'].includes(s)

describe('import boundaries', () => {
  it('shared/ imports nothing runtime-specific', () => {
    expect(
      violations('shared', (file, s) => nodeBuiltin(s) || s === 'electron' || s === 'pg' || s.startsWith('react') || resolvesInto(file, s, 'electron') || resolvesInto(file, s, 'renderer'))
    ).toEqual([])
  })

  it('the core never imports electron nor a host; the web host and the CLI never import electron nor the Electron host', () => {
    const hosts = ['electron/main', 'electron/preload', 'electron/web', 'electron/cli']
    expect(violations('electron/core', (file, s) => s === 'electron' || s.startsWith('electron/') || hosts.some((host) => resolvesInto(file, s, host)))).toEqual([])
    for (const door of ['electron/web', 'electron/cli']) expect(violations(door, (file, s) => s === 'electron' || resolvesInto(file, s, 'electron/main'))).toEqual([])
  })

  it('the renderer never imports main-process code or Node built-ins', () => {
    expect(violations('renderer/src', (file, s) => nodeBuiltin(s) || s === 'electron' || s === 'pg' || resolvesInto(file, s, 'electron'))).toEqual([])
  })

  it('only the IPC transport and the preload touch ipcMain/ipcRenderer', () => {
    const allowed = new Set([path.join('electron', 'main', 'transport', 'ipc.ts'), path.join('electron', 'preload', 'index.ts')])
    const offenders = [...sourceFiles('electron'), ...sourceFiles('renderer/src')].filter(
      (file) => !allowed.has(file) && /\bipc(Main|Renderer)\b/.test(readFileSync(path.join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''))
    )
    expect(offenders).toEqual([])
  })
})
