/**
 * `tusk plan` on plans captured from real servers: the same tree from text and
 * JSON, the JSON shape scripts rely on, and exit code 2 for input that is not a plan.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/cli/run-cli'

const fixtures = path.resolve(__dirname, '..', '..', 'fixtures', 'plans')

async function run(args: string[], stdinText = '') {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(args, (l) => out.push(l), (l) => err.push(l), async () => stdinText)
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('tusk plan', () => {
  it('prints one JSON object whose nodes are in pre-order, equal for the text and JSON captures', async () => {
    const fromJson = JSON.parse((await run(['plan', path.join(fixtures, 'pg18-hash-join.json'), '--json'])).out)
    const fromText = JSON.parse((await run(['plan', '-', '--json'], readFileSync(path.join(fixtures, 'pg18-hash-join.txt'), 'utf8'))).out)
    expect(fromJson.format).toBe('json')
    expect(fromText.format).toBe('text')
    const shape = (nodes: Array<Record<string, unknown>>) => nodes.map((n) => [n.id, n.parentId, n.nodeType, n.relation, n.actualRows, n.loops, n.planRows])
    expect(shape(fromText.nodes)).toEqual(shape(fromJson.nodes))
    expect(fromJson.nodes[0]).toMatchObject({ id: 0, parentId: null })
    expect(fromJson.nodes.some((n: { nodeType: string }) => n.nodeType === 'Hash Join')).toBe(true)
    expect(fromJson.executionTimeMs).toBeGreaterThan(0)
    // Half the orders pass the filter: an index would not beat the scan, so no advice.
    expect(fromJson.advice).toEqual([])
  })

  it('reads a whole psql session: the plan inside it, and the EXPLAIN typed as its query', async () => {
    const session = readFileSync(path.join(fixtures, 'pastes', 'pg15-hash-join.unicode-double.text.txt'), 'utf8')
    const { code, out } = await run(['plan', '-', '--json'], session)
    expect(code).toBe(0)
    const plan = JSON.parse(out)
    expect(plan.nodes[0].nodeType).toBe('Hash Join')
    expect(plan.query).toMatch(/^explain \(ANALYZE, BUFFERS, VERBOSE, format text\)\nselect c\.name/)
    const bare = JSON.parse((await run(['plan', path.join(fixtures, 'pg18-hash-join.json'), '--json'])).out)
    expect(bare.query).toBeNull()
  })

  it('carries the advice in its JSON, in the shape scripts read', async () => {
    const { advice } = JSON.parse((await run(['plan', path.join(fixtures, 'advice', 'seq-eq-range.json'), '--json'])).out)
    expect(advice).toEqual([
      {
        kind: 'index',
        table: 'loans',
        schema: 'public',
        columns: ['member_id', 'loaned_at'],
        method: 'btree',
        statement: 'CREATE INDEX CONCURRENTLY loans_member_id_loaned_at_idx ON public.loans USING btree (member_id, loaned_at)',
        nodeId: 0,
        severity: 'high',
        reason: expect.stringContaining('B-tree index on (member_id, loaned_at)'),
        evidence: expect.stringMatching(/^read 300,000 rows to return 3/),
        tentative: false
      }
    ])
  })

  it('prints a readable summary with the slowest nodes', async () => {
    const { code, out } = await run(['plan', path.join(fixtures, 'pg18-hash-join.txt')])
    expect(code).toBe(0)
    expect(out).toMatch(/Execution time: [\d.]+ ms/)
    expect(out).toMatch(/Slowest nodes \(own time\):\n\s+[\d.]+ ms/)
  })

  it('exits 2 with a message for input that is not a plan', async () => {
    const { code, err } = await run(['plan', '-'], 'hello, this is not a plan')
    expect(code).toBe(2)
    expect(err).toMatch(/^tusk plan: /)
  })

  it('a missing file or a folder gives one plain line and exit 1, no system error code', async () => {
    const missing = await run(['plan', path.join(fixtures, 'no-such-plan.txt')])
    expect(missing.code).toBe(1)
    expect(missing.err).toBe(`tusk plan: ${path.join(fixtures, 'no-such-plan.txt')}: no such file`)
    const folder = await run(['plan', fixtures])
    expect(folder.code).toBe(1)
    expect(folder.err).toBe(`tusk plan: ${fixtures}: is a folder, not a file`)
    expect(`${missing.err}\n${folder.err}`).not.toMatch(/ENOENT|EISDIR/)
  })
})
