/**
 * A SCRAM-SHA-256 verifier for `ALTER ROLE … PASSWORD`, computed here.
 *
 * PostgreSQL stores a verifier as it is given, so the password itself never
 * travels to the server and never lands in its log, whatever `log_statement`
 * says. Format (RFC 5803, as PostgreSQL writes it):
 * `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`, all base64.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto'

export const scramIterations = 4096

export function scramSha256Verifier(password: string, salt: Buffer = randomBytes(16), iterations = scramIterations): string {
  // SASLprep of our own passwords (ASCII, base64url) is the identity; NFKC covers typed ones well enough.
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256')
  const clientKey = createHmac('sha256', salted).update('Client Key').digest()
  const storedKey = createHash('sha256').update(clientKey).digest()
  const serverKey = createHmac('sha256', salted).update('Server Key').digest()
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`
}
