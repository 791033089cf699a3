/**
 * The renderer must never pull PostgreSQL's parser (libpg-query, WebAssembly) or
 * the deparser into its bundle: the page's CSP forbids compiling WebAssembly, so
 * a shared/ module that reads parse trees would load fine in tests and break in
 * the app. ESLint sees only direct imports; this walks the import graph.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = process.cwd()
const nodeOnlyPackages = ['libpg-query', 'pgsql-deparser', 'pgsql-parser']
const importPattern = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return sourceFiles(full)
    return /\.tsx?$/.test(name) ? [full] : []
  })
}

function resolveModule(from: string, specifier: string): string | null {
  const base = specifier.startsWith('@shared/')
    ? path.join(root, 'shared', specifier.slice('@shared/'.length))
    : specifier.startsWith('.')
      ? path.resolve(path.dirname(from), specifier)
      : null
  if (!base) return null
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
  }
  return null
}

/** Every chain from a renderer file to a Node-only package, as "a → b → package". */
function chainsToNodeOnlyPackages(entries: string[]): string[] {
  const parentOf = new Map<string, string | null>(entries.map((entry) => [entry, null]))
  const queue = [...entries]
  const chains: string[] = []
  while (queue.length > 0) {
    const file = queue.shift()!
    for (const match of readFileSync(file, 'utf8').matchAll(importPattern)) {
      // Type-only imports are erased before bundling.
      if (/^(?:import|export)\s+type\s/.test(match[0])) continue
      const specifier = match[1] ?? match[2] ?? ''
      if (nodeOnlyPackages.some((pkg) => specifier === pkg || specifier.startsWith(`${pkg}/`))) {
        const chain = [specifier]
        for (let at: string | null = file; at; at = parentOf.get(at) ?? null) chain.unshift(path.relative(root, at))
        chains.push(chain.join(' → '))
        continue
      }
      const target = resolveModule(file, specifier)
      if (target && !parentOf.has(target)) {
        parentOf.set(target, file)
        queue.push(target)
      }
    }
  }
  return chains
}

describe('renderer bundle', () => {
  it('never reaches libpg-query or the deparser, directly or through shared/', () => {
    expect(chainsToNodeOnlyPackages(sourceFiles(path.join(root, 'renderer', 'src')))).toEqual([])
  })

  it('the walk does find such a chain when one exists, and skips type-only imports', () => {
    const probe = path.join(root, 'shared', 'sql', 'dangerous-statements.ts')
    expect(chainsToNodeOnlyPackages([probe]).join('\n')).toContain('libpg-query')
    expect(chainsToNodeOnlyPackages([path.join(root, 'shared', 'sql', 'rollback-note.ts')])).toEqual([])
  })
})
