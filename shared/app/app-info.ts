import { z } from 'zod'

export const transportKinds = ['electron', 'web'] as const

/**
 * How saved passwords are protected.
 *
 * `os-keychain`: Electron safeStorage with a real backend (Keychain, DPAPI, libsecret/kwallet).
 * `basic-text`: safeStorage on Linux without a keyring: obfuscated, NOT protected; the UI says so.
 * `memory-only`: the web host without a keyring: passwords live in memory for this run only.
 */
export const secretBackends = ['os-keychain', 'basic-text', 'memory-only'] as const

export const appInfoSchema = z.object({
  version: z.string(),
  transport: z.enum(transportKinds),
  platform: z.string(),
  secretBackend: z.enum(secretBackends),
  /** True when saved passwords are really protected at rest. */
  secretsProtected: z.boolean(),
  dataDir: z.string()
})
export type AppInfo = z.infer<typeof appInfoSchema>
