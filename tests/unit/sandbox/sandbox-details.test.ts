import { describe, expect, it } from 'vitest'
import { psqlCommand, shellQuote } from '@shared/sandbox/sandbox-details'

describe('the sandbox menu psql command', () => {
  const target = { host: '127.0.0.1', port: 54321, user: 'postgres', database: 'sandbox' }

  it('without the password: psql asks for it', () => {
    expect(psqlCommand(target)).toBe('psql postgresql://postgres@127.0.0.1:54321/sandbox')
  })

  it('with the password: in PGPASSWORD, never in the URI', () => {
    expect(psqlCommand({ ...target, password: 'a-B_c9' })).toBe('PGPASSWORD=a-B_c9 psql postgresql://postgres@127.0.0.1:54321/sandbox')
  })

  it('quotes what a shell would split or expand', () => {
    expect(shellQuote("it's $HOME; rm -rf /")).toBe(`'it'\\''s $HOME; rm -rf /'`)
    expect(psqlCommand({ ...target, user: 'we ird', password: 'p w' })).toBe("PGPASSWORD='p w' psql postgresql://we%20ird@127.0.0.1:54321/sandbox")
  })
})
