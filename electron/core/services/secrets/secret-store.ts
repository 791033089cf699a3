import type { AppInfo } from '@shared/app/app-info'

/**
 * Where saved passwords live. Keys are profile ids; values never reach the
 * renderer, a log line or a plain file.
 */
export interface SecretStore {
  readonly backend: AppInfo['secretBackend']
  /** False for the basic_text backend and for memory-only storage. */
  readonly protectsAtRest: boolean
  /** False when passwords last only as long as this run (the web host's memory). */
  readonly keptAcrossRuns: boolean
  get(key: string): Promise<string | undefined>
  set(key: string, value: string): Promise<void>
  delete(key: string): Promise<void>
}
