import type { SecretStore } from './secret-store'

/** Passwords for this run only: the web host has no OS keychain to keep them in. */
export class MemorySecretStore implements SecretStore {
  readonly backend = 'memory-only' as const
  readonly protectsAtRest = false
  readonly keptAcrossRuns = false
  private readonly secrets = new Map<string, string>()

  async get(key: string) {
    return this.secrets.get(key)
  }
  async set(key: string, value: string) {
    this.secrets.set(key, value)
  }
  async delete(key: string) {
    this.secrets.delete(key)
  }
}
