/**
 * Where Tusk keeps its data (profiles, encrypted secrets, the sandbox cluster).
 *
 * TUSK_DATA_DIR wins. As root the sandbox server runs as the `postgres` OS user,
 * who cannot enter root's 0700 home, so root defaults to /var/lib/tusk.
 */
import os from 'node:os'
import path from 'node:path'

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platformDefault?: string): string {
  if (env.TUSK_DATA_DIR) return path.resolve(env.TUSK_DATA_DIR)
  if (process.platform !== 'win32' && process.getuid?.() === 0) return '/var/lib/tusk'
  if (platformDefault) return platformDefault
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'Tusk')
  if (process.platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'Tusk')
  return path.join(env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), 'tusk')
}
