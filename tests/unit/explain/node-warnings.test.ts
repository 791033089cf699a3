/** Warnings on nodes of captured plans: each one where the plan shows the problem, and only there. */
import { describe, expect, it } from 'vitest'
import { nodeWarnings, type NodeWarningKind } from '@shared/explain/analyse/node-warnings'
import { planMetrics, type FlatNode } from '@shared/explain/analyse/plan-metrics'
import { fixture, fixturePairs, parsed } from './support/fixtures'

const flat = (name: string) => planMetrics(parsed(fixture(name, 'json')))
const kindsOf = (nodes: FlatNode[]) => new Set(nodes.flatMap(nodeWarnings).map((w) => w.kind))

describe('node warnings', () => {
  it.each([
    ['pg18-sort-spill', 'spill'],
    ['pg15-hash-join-spill', 'spill'],
    ['pg18-hashagg-spill', 'spill'],
    ['pg18-seq-scan-filter', 'rows-removed']
  ] as Array<[string, NodeWarningKind]>)('%s warns of %s', (name, kind) => {
    expect(kindsOf(flat(name))).toContain(kind)
  })

  it('warn of heap fetches exactly on the nodes that made some', () => {
    for (const { name, json } of fixturePairs()) {
      for (const f of planMetrics(parsed(json))) {
        expect(nodeWarnings(f).some((w) => w.kind === 'heap-fetches'), `${name} #${f.id}`).toBe((f.node.heapFetches ?? 0) > 0)
      }
    }
  })

  it('say nothing on a small, well-estimated plan', () => {
    expect([...kindsOf(flat('pg18-index-scan'))]).toEqual([])
  })

  it('name a misestimate with its direction', () => {
    const nodes = flat('pg18-hash-join')
    const skewed = { ...nodes[0]!, misestimate: { factor: 250, direction: 'under' as const } }
    expect(nodeWarnings(skewed).find((w) => w.kind === 'misestimate')?.message).toMatch(/^Rows underestimated 250×/)
  })

  it('say when fewer parallel workers started than were planned', () => {
    const gather = flat('pg18-parallel-gather').find((f) => f.node.workersPlanned !== null)!
    expect(nodeWarnings(gather).map((w) => w.kind)).not.toContain('workers-short')
    const short = { ...gather, node: { ...gather.node, workersLaunched: 0 } }
    expect(nodeWarnings(short).find((w) => w.kind === 'workers-short')?.message).toContain('Only 0 of 2')
  })

  it('say when a bitmap went lossy, and not when it stayed exact', () => {
    const heapScan = flat('pg18-bitmap-heap-scan').find((f) => f.node.nodeType === 'Bitmap Heap Scan')!
    expect(nodeWarnings(heapScan).map((w) => w.kind)).not.toContain('lossy-bitmap')
    const lossy = { ...heapScan, node: { ...heapScan.node, attributes: { ...heapScan.node.attributes, 'Lossy Heap Blocks': 12 } } }
    expect(nodeWarnings(lossy).find((w) => w.kind === 'lossy-bitmap')?.message).toContain('12 pages')
  })
})
