import { createHash, createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { scramSha256Verifier } from '../../../electron/core/services/sandbox/scram-verifier'

/** RFC 7677's example exchange (user "user", password "pencil"). */
const rfc = {
  salt: 'W22ZaJ0SNY7soEsUEjb6gQ==',
  authMessage:
    'n=user,r=rOprNGfwEbeRWgbNEkqO,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0',
  clientProof: 'dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
  serverSignature: '6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4='
}

describe('SCRAM-SHA-256 verifier', () => {
  it("has PostgreSQL's format and no trace of the password", () => {
    const verifier = scramSha256Verifier('s3cret-Pass')
    expect(verifier).toMatch(/^SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}$/)
    expect(verifier).not.toContain('s3cret')
    expect(scramSha256Verifier('s3cret-Pass')).not.toBe(verifier) // a fresh salt each time
  })

  it("accepts RFC 7677's client proof and produces its server signature", () => {
    const verifier = scramSha256Verifier('pencil', Buffer.from(rfc.salt, 'base64'))
    const [, keys] = verifier.split(`${rfc.salt}$`)
    const [storedKey, serverKey] = keys!.split(':').map((key) => Buffer.from(key, 'base64'))
    expect(createHmac('sha256', serverKey!).update(rfc.authMessage).digest('base64')).toBe(rfc.serverSignature)
    // What the server does with a proof: recover ClientKey and hash it back to StoredKey.
    const clientSignature = createHmac('sha256', storedKey!).update(rfc.authMessage).digest()
    const proof = Buffer.from(rfc.clientProof, 'base64')
    const clientKey = Buffer.from(proof.map((byte, i) => byte ^ clientSignature[i]!))
    expect(createHash('sha256').update(clientKey).digest().equals(storedKey!)).toBe(true)
  })
})
