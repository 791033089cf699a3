/**
 * `npm run bench` runs every benchmark under bench/; `npm run bench -- <name>` one.
 *
 * Each benchmark is a file `bench/<name>.ts` run in its own Node process (so one
 * cannot warm the JIT or the caches for the next) and ends by printing one line
 * `BENCH {json}` with its name, figures, baseline and ratio.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const benchDir = path.dirname(fileURLToPath(import.meta.url))
const available = readdirSync(benchDir)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts' && !file.endsWith('.d.ts'))
  .map((file) => file.replace(/\.ts$/, ''))
  .sort()

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'))
const unknown = wanted.filter((name) => !available.includes(name))
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${available.join(', ')}`)
  process.exit(2)
}

let failed = 0
for (const name of wanted.length > 0 ? wanted : available) {
  console.log(`\n== ${name}`)
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(benchDir, `${name}.ts`)], { stdio: 'inherit' })
  if (result.status !== 0) {
    failed += 1
    console.error(`benchmark ${name} failed (exit ${result.status ?? result.signal})`)
  }
}
process.exit(failed > 0 ? 1 : 0)
