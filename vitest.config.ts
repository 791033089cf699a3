import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const shared = fileURLToPath(new URL('./shared', import.meta.url))

// Unit tests are pure and fast; integration tests share one real PostgreSQL,
// started once by the global setup (the sandbox's embedded server, or
// TUSK_TEST_DATABASE_URL when set).
export default defineConfig({
  resolve: { alias: { '@shared': shared } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node'
        }
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/integration/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // Two cores: files that start their own clusters must not all start at once.
          maxWorkers: 2,
          fileParallelism: true
        }
      }
    ]
  }
})
