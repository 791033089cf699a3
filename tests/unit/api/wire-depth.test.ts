import { describe, expect, it } from 'vitest'
import { nestsDeeperThan } from '@shared/api/wire-depth'
import { leadingRequestId, maxMessageBytes, maxMessageDepth, maxScriptChars, wireTextProblem } from '@shared/api/wire'

const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels)

describe('nesting depth scan', () => {
  it('accepts a message exactly at the limit and refuses one level more', () => {
    expect(nestsDeeperThan(nested(64), 64)).toBe(false)
    expect(nestsDeeperThan(nested(65), 64)).toBe(true)
    expect(nestsDeeperThan('{"a":'.repeat(64) + '1' + '}'.repeat(64), 64)).toBe(false)
    expect(nestsDeeperThan('{"a":'.repeat(65) + '1' + '}'.repeat(65), 64)).toBe(true)
  })

  it('counts siblings as one level, not as many', () => {
    expect(nestsDeeperThan('[' + '[],'.repeat(1000) + '[]]', 2)).toBe(false)
  })

  it('ignores brackets inside strings', () => {
    const sql = JSON.stringify({ t: 'req', id: 1, name: 'query.start', input: { sql: 'select array[[[[[1]]]]], \'{{{{\'' .repeat(100) } })
    expect(nestsDeeperThan(sql, 3)).toBe(false)
  })

  it('knows an escaped quote does not end the string', () => {
    expect(nestsDeeperThan(JSON.stringify(['a"[[[[', 'b\\']), 1)).toBe(false)
    expect(nestsDeeperThan(JSON.stringify({ s: '\\"[[[[[' }), 1)).toBe(false)
    // A backslash ending a string does not escape the closing quote.
    expect(nestsDeeperThan('["\\\\",[[1]]]', 2)).toBe(true)
  })

  it('stops early on a hostile message', () => {
    const hostile = '['.repeat(5_000_000)
    const started = performance.now()
    expect(nestsDeeperThan(hostile, 64)).toBe(true)
    expect(performance.now() - started).toBeLessThan(50)
  })
})

describe('wire text limits', () => {
  it('lets the longest script the contract allows through, in any alphabet', () => {
    expect(maxMessageBytes).toBeGreaterThanOrEqual(4 * maxScriptChars)
    const envelope = JSON.stringify({ t: 'req', id: 1, name: 'query.start', input: { connectionId: 'x', sql: '' } })
    expect(wireTextProblem(envelope, 4 * maxScriptChars + envelope.length)).toBeNull()
  })

  it('refuses a message over the byte limit or nested too deep, saying which', () => {
    expect(wireTextProblem('{}', maxMessageBytes + 1)).toMatch(/limit is/)
    const deep = nested(maxMessageDepth + 1)
    expect(wireTextProblem(deep, deep.length)).toMatch(/deeper than 64/)
    expect(wireTextProblem(nested(maxMessageDepth), 2 * maxMessageDepth)).toBeNull()
  })
})

describe('request id read without parsing', () => {
  it('finds the id the clients write first, and nothing in other texts', () => {
    expect(leadingRequestId(JSON.stringify({ t: 'req', id: 42, name: 'x', input: [[[]]] }))).toBe(42)
    expect(leadingRequestId(' { "t" : "req" , "id" : 7 }')).toBe(7)
    expect(leadingRequestId(JSON.stringify({ t: 'sub', name: 'x' }))).toBeNull()
    expect(leadingRequestId('[[[[[[')).toBeNull()
    expect(leadingRequestId('{"t":"req","id":-1,')).toBeNull()
  })
})
