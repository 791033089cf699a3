/**
 * Every layer rule of eslint.config.js, broken on purpose.
 *
 * Each case lints a snippet, through ESLint's Node API, as if it were a file at a path where the
 * import is forbidden, and expects the rule to report it; the same import from a place where it is
 * allowed must pass, so a rule that reports everything would fail here too. Import targets are real
 * files found at test time, so the cases follow the tree as it grows.
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '..', '..', '..')
let eslint: ESLint
/** The first type-aware lint starts TypeScript's project service: seconds on a busy 2-core machine. */
const lintTimeoutMs = 60_000

beforeAll(() => {
  eslint = new ESLint({ cwd: root })
})

/** Some source file inside a folder (the first .ts/.tsx found, depth-first), relative to the root. */
function someFileIn(dir: string): string {
  const entries = readdirSync(path.join(root, dir), { withFileTypes: true }).sort((a, b) => Number(a.isDirectory()) - Number(b.isDirectory()))
  for (const entry of entries) {
    const rel = path.posix.join(dir, entry.name)
    if (entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) return rel
    if (entry.isDirectory()) {
      try {
        return someFileIn(rel)
      } catch {
        // Nothing in there: look further.
      }
    }
  }
  throw new Error(`no source file in ${dir}`)
}

/** The specifier a file at `from` would write to import `target` (both relative to the root). */
function relativeImport(from: string, target: string): string {
  const spec = path.posix.relative(path.posix.dirname(from), target.replace(/\.tsx?$/, ''))
  return spec.startsWith('.') ? spec : `./${spec}`
}

async function rulesReported(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) })
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`)
}

async function expectReported(filePath: string, code: string, rule: string): Promise<void> {
  const reported = await rulesReported(filePath, code)
  expect(reported.some((line) => line.startsWith(`${rule}:`)), `${filePath} should report ${rule}; got ${JSON.stringify(reported)}`).toBe(true)
}

async function expectClean(filePath: string, code: string): Promise<void> {
  expect(await rulesReported(filePath, code)).toEqual([])
}

function importOf(from: string, targetDir: string): string {
  return `import * as probe from '${relativeImport(from, someFileIn(targetDir))}'\nexport const used = probe\n`
}

function features(): string[] {
  return readdirSync(path.join(root, 'renderer/src/features'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
}

describe('shared/ runs anywhere', { timeout: lintTimeoutMs }, () => {
  it('a Node built-in in shared/ is reported', async () => {
    await expectReported('shared/explain/lint-probe.ts', "import { readFileSync } from 'node:fs'\nexport const read = readFileSync\n", 'import-x/no-nodejs-modules')
  })

  it('electron, pg or react in shared/ is reported', async () => {
    for (const pkg of ['electron', 'pg', 'react']) {
      await expectReported('shared/query/lint-probe.ts', `import * as probe from '${pkg}'\nexport const used = probe\n`, 'no-restricted-imports')
    }
  })

  it('main-process or renderer code imported into shared/ is reported', async () => {
    await expectReported('shared/query/lint-probe.ts', importOf('shared/query/lint-probe.ts', 'electron/core'), 'import-x/no-restricted-paths')
    await expectReported('shared/query/lint-probe.ts', importOf('shared/query/lint-probe.ts', 'renderer/src/features'), 'import-x/no-restricted-paths')
  })

  it('the ground floor imports no capability, and capabilities never import the contract', async () => {
    await expectReported('shared/base/lint-probe.ts', importOf('shared/base/lint-probe.ts', 'shared/explain'), 'import-x/no-restricted-paths')
    await expectReported('shared/explain/lint-probe.ts', importOf('shared/explain/lint-probe.ts', 'shared/api'), 'import-x/no-restricted-paths')
    await expectClean('shared/explain/lint-probe.ts', importOf('shared/explain/lint-probe.ts', 'shared/base'))
    await expectClean('shared/api/lint-probe.ts', importOf('shared/api/lint-probe.ts', 'shared/explain'))
  })

  it('any in shared/ is reported', async () => {
    await expectReported('shared/api/lint-probe.ts', 'export const loose: any = 1\n', '@typescript-eslint/no-explicit-any')
  })
})

describe('the main side: one core, three doors', { timeout: lintTimeoutMs }, () => {
  it('electron imported by the core is reported', async () => {
    await expectReported('electron/core/services/query/lint-probe.ts', "import { app } from 'electron'\nexport const used = app\n", 'no-restricted-imports')
  })

  it('the core importing a host, and a host importing another host, are reported', async () => {
    await expectReported('electron/core/lint-probe.ts', importOf('electron/core/lint-probe.ts', 'electron/web'), 'import-x/no-restricted-paths')
    await expectReported('electron/web/lint-probe.ts', importOf('electron/web/lint-probe.ts', 'electron/main'), 'import-x/no-restricted-paths')
    await expectReported('electron/cli/lint-probe.ts', importOf('electron/cli/lint-probe.ts', 'electron/web'), 'import-x/no-restricted-paths')
    await expectClean('electron/web/lint-probe.ts', importOf('electron/web/lint-probe.ts', 'electron/core'))
  })

  it('the preload reaching into Node code is reported', async () => {
    await expectReported('electron/preload/lint-probe.ts', importOf('electron/preload/lint-probe.ts', 'electron/core'), 'import-x/no-restricted-paths')
  })

  it('a service importing another service is reported', async () => {
    const services = readdirSync(path.join(root, 'electron/core/services'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)
    const [first, second] = services
    expect(second).toBeDefined()
    await expectReported(`electron/core/services/${first}/lint-probe.ts`, importOf(`electron/core/services/${first}/lint-probe.ts`, `electron/core/services/${second}`), 'import-x/no-restricted-paths')
    await expectClean(`electron/core/services/${first}/lint-probe.ts`, importOf(`electron/core/services/${first}/lint-probe.ts`, 'electron/core/postgres'))
  })

  it('raw ipcMain outside the IPC transport, ipcRenderer outside the preload are reported', async () => {
    await expectReported('electron/main/window/lint-probe.ts', "import { ipcMain } from 'electron'\nexport const used = ipcMain\n", 'no-restricted-imports')
    await expectReported('electron/main/index.ts', "import { ipcRenderer } from 'electron'\nexport const used = ipcRenderer\n", 'no-restricted-imports')
    await expectClean('electron/main/transport/ipc.ts', "import { ipcMain } from 'electron'\nexport const used = ipcMain\n")
    await expectClean('electron/preload/index.ts', "import { ipcRenderer } from 'electron'\nexport const used = ipcRenderer\n")
  })

  it('a floating promise in a service is reported', async () => {
    const code = 'async function save(): Promise<void> {}\nexport function onChange(): void {\n  save()\n}\n'
    await expectReported('electron/core/services/query/lint-probe.ts', code, '@typescript-eslint/no-floating-promises')
    await expectClean('electron/core/services/query/lint-probe.ts', code.replace('  save()', '  save().catch(() => undefined)'))
  })
})

describe('the renderer: floor, features, shell', { timeout: lintTimeoutMs }, () => {
  it('a component reaching the API is reported; its actions module may', async () => {
    const [feature] = features()
    const component = `renderer/src/features/${feature}/lint-probe.tsx`
    const actions = `renderer/src/features/${feature}/${feature}-actions.ts`
    const code = (from: string) => `import { api } from '${relativeImport(from, 'renderer/src/api/api.ts')}'\nexport const used = api\n`
    await expectReported(component, code(component), 'import-x/no-restricted-paths')
    await expectClean(actions, code(actions))
  })

  it('Node or main-process code in the renderer is reported', async () => {
    await expectReported('renderer/src/features/query/lint-probe.ts', "import { readFileSync } from 'node:fs'\nexport const used = readFileSync\n", 'import-x/no-nodejs-modules')
    await expectReported('renderer/src/features/query/lint-probe.ts', "import { Pool } from 'pg'\nexport const used = Pool\n", 'no-restricted-imports')
    await expectReported('renderer/src/features/query/lint-probe.ts', importOf('renderer/src/features/query/lint-probe.ts', 'electron/core'), 'import-x/no-restricted-paths')
  })

  it('a feature importing another feature is reported; the floor is allowed', async () => {
    const [first, second] = features()
    expect(second).toBeDefined()
    const probe = `renderer/src/features/${first}/lint-probe.ts`
    await expectReported(probe, importOf(probe, `renderer/src/features/${second}`), 'import-x/no-restricted-paths')
    await expectClean(probe, importOf(probe, 'renderer/src/app-state'))
    await expectClean(probe, importOf(probe, 'renderer/src/ui'))
  })

  it("the browser's native confirm, alert and prompt are reported in the renderer", async () => {
    const probe = 'renderer/src/features/query/lint-probe.ts'
    await expectReported(probe, "export const yes = confirm('Run it?')\n", 'no-restricted-globals')
    await expectReported(probe, "alert('done')\n", 'no-restricted-globals')
    await expectReported(probe, "export const name = window.prompt('Name?')\n", 'no-restricted-properties')
  })

  it('the floor importing a feature or the shell, and a feature importing the shell, are reported', async () => {
    const [feature] = features()
    await expectReported('renderer/src/app-state/lint-probe.ts', importOf('renderer/src/app-state/lint-probe.ts', `renderer/src/features/${feature}`), 'import-x/no-restricted-paths')
    await expectReported('renderer/src/ui/lint-probe.ts', importOf('renderer/src/ui/lint-probe.ts', 'renderer/src/shell'), 'import-x/no-restricted-paths')
    await expectReported('renderer/src/ui/lint-probe.ts', importOf('renderer/src/ui/lint-probe.ts', 'renderer/src/app-state'), 'import-x/no-restricted-paths')
    await expectReported(`renderer/src/features/${feature}/lint-probe.ts`, importOf(`renderer/src/features/${feature}/lint-probe.ts`, 'renderer/src/shell'), 'import-x/no-restricted-paths')
    await expectClean('renderer/src/shell/lint-probe.ts', importOf('renderer/src/shell/lint-probe.ts', `renderer/src/features/${feature}`))
  })
})
