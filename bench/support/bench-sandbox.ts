/**
 * The seeded sandbox for benchmarks: one per checkout, kept between runs.
 */
import { createHash } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import { SandboxService } from '../../electron/core/services/sandbox/sandbox-service'

export function benchSandboxDir(): string {
  const digest = createHash('sha256').update(process.cwd()).digest('hex').slice(0, 10)
  return path.join(os.tmpdir(), `tusk-bench-${digest}`, 'sandbox')
}

export async function startBenchSandbox(): Promise<SandboxService> {
  const sandbox = new SandboxService({ rootDir: benchSandboxDir() })
  const status = await sandbox.start()
  if (status.phase !== 'ready') throw new Error(status.error?.message ?? status.message)
  return sandbox
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}
