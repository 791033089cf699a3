import { rmSync } from 'node:fs'
import path from 'node:path'
import { defineConfig } from '@playwright/test'
import { chromiumExecutable, e2eDataDir, e2ePort, e2eToken, e2eOrigin } from './tests/e2e/support/e2e-env'

// Each run starts from no saved profiles (the sandbox cluster itself is kept, seeded once).
rmSync(path.join(e2eDataDir, 'connections.json'), { force: true })

export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/support/global-setup.ts',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: e2eOrigin,
    viewport: { width: 1400, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
    }
  },
  webServer: {
    command: `node out/main/web.js --port ${e2ePort} --data-dir "${e2eDataDir}"`,
    url: e2eOrigin,
    env: { TUSK_WEB_TOKEN: e2eToken },
    reuseExistingServer: false,
    // The first start on a fresh machine seeds the sandbox before it opens.
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 }
  }
})
