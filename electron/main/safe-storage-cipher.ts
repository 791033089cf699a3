/**
 * Electron's safeStorage as a SecretCipher for the encrypted secret file.
 *
 * On Linux without a keyring safeStorage falls back to `basic_text`: the data
 * is merely obfuscated with a fixed key. We report that honestly
 * (protectsAtRest: false) so the UI can say passwords are not protected.
 */
import { safeStorage } from 'electron'
import type { SecretCipher } from '../core/services/secrets/encrypted-file-secret-store'

export function safeStorageCipher(): SecretCipher | null {
  if (!safeStorage.isEncryptionAvailable()) return null
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'
  const weak = backend === 'basic_text' || backend === 'unknown'
  return {
    backend: weak ? 'basic-text' : 'os-keychain',
    protectsAtRest: !weak,
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data)
  }
}
