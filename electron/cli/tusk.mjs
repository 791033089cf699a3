#!/usr/bin/env node
// `npx tusk …`: in a checkout, the TypeScript source through tsx (never a stale build);
// where tsx is not installed (a packaged install), the built CLI in out/main/cli.js.
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
let register = null
try {
  ;({ register } = await import('tsx/esm/api'))
} catch {
  // No tsx: use the build.
}
if (register) {
  register()
  await import(pathToFileURL(path.join(root, 'electron', 'cli', 'main.ts')).href)
} else {
  await import(pathToFileURL(path.join(root, 'out', 'main', 'cli.js')).href)
}
