/**
 * A plan read by the parsing worker reaches the page whole: the worker's
 * messages, cloned as the browser clones them, unpack into the tree and the
 * metrics a parse on the page gives, for every captured plan and paste.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { planMetrics } from '@shared/explain/analyse/plan-metrics'
import { parsePlan } from '@shared/explain/read/parse-plan'
import { preorder, type ExplainPlan, type PlanNode } from '@shared/explain/model/plan-model'
import type { FlatNode } from '@shared/explain/analyse/plan-metrics'
import { addAttributes, nodesPerStep, parcelBuffers, unpackPlan } from '@shared/explain/transfer/plan-parcel'
import type { PlanParseReply, PlanParseRequest } from '../../../renderer/src/features/explain/plan-parse-worker'
import { fixtureDir, fixturePairs } from './support/fixtures'
import { largeJsonPlan, largeTextPlan } from './support/large-plans'

/** The worker script, run against a stand-in for its global scope. */
let worker: { onmessage: ((event: { data: PlanParseRequest }) => void) | null }
let replies: PlanParseReply[] = []

beforeAll(async () => {
  const scope = {
    onmessage: null,
    // What the browser does to a message: a structured clone, typed arrays handed over.
    postMessage: (reply: PlanParseReply, transfer: Transferable[] = []) => replies.push(structuredClone(reply, { transfer }))
  }
  Object.assign(globalThis, { self: scope })
  await import('../../../renderer/src/features/explain/plan-parse-worker')
  worker = scope
})

function readInWorker(source: string): PlanParseReply[] {
  replies = []
  worker.onmessage!({ data: { id: 7, source } })
  return replies
}

/** The parcel, completed with the attributes that follow it (as the page's client does). */
function parcelOf(replies: PlanParseReply[]) {
  const [, read, attributes] = replies
  if (read?.kind !== 'read' || attributes?.kind !== 'attributes') throw new Error(`expected a plan, got ${JSON.stringify(replies.map((r) => r.kind))}`)
  addAttributes(read.parcel, attributes.parts)
  return read.parcel
}

/** A node as a reader sees it: every field, `attributes` included (an unpacked node parses them when first read). */
function asRead(node: PlanNode): PlanNode {
  return { ...Object.fromEntries(Object.entries(node)), attributes: node.attributes, children: node.children.map(asRead) } as PlanNode
}

function unpackedAll(replies: PlanParseReply[]): { plan: ExplainPlan; nodes: FlatNode[] } {
  const steps = unpackPlan(parcelOf(replies))
  let step = steps.next()
  while (!step.done) step = steps.next()
  return asReadPlan(step.value)
}

function asReadPlan({ plan, nodes }: { plan: ExplainPlan; nodes: FlatNode[] }) {
  const root = asRead(plan.root)
  // Pre-order, as the metrics list them.
  const inOrder = preorder(root)
  return { plan: { ...plan, root }, nodes: nodes.map((flat, id) => ({ ...flat, node: inOrder[id]! })) }
}

function readOnPage(source: string) {
  const parsed = parsePlan(source, { sourceLines: 'lazy' })
  if (!parsed.ok) throw new Error(parsed.error.message)
  return { plan: parsed.plan, nodes: planMetrics(parsed.plan) }
}

const captured = [
  ...fixturePairs().flatMap((pair) => [[`${pair.name}.txt`, pair.text] as const, [`${pair.name}.json`, pair.json] as const]),
  ...readdirSync(path.join(fixtureDir, 'pastes')).map((name) => [`pastes/${name}`, readFileSync(path.join(fixtureDir, 'pastes', name), 'utf8')] as const)
]

describe('a plan read in the worker', () => {
  it.each(captured)('%s arrives with the tree and metrics of a parse on the page', (_name, source) => {
    const replies = readInWorker(source)
    const page = readOnPage(source)
    expect(replies.map((reply) => [reply.id, reply.kind])).toEqual([
      [7, 'counted'],
      [7, 'read'],
      [7, 'attributes']
    ])
    expect(replies[0]).toMatchObject({ nodes: page.nodes.length })
    expect(unpackedAll(replies)).toEqual(page)
  })

  it.each([
    ['text', largeTextPlan],
    ['JSON', largeJsonPlan]
  ] as const)('a big %s plan arrives in parts, every node with its metrics', (_format, make) => {
    const { text, nodes } = make(4 * 1024 * 1024)
    const steps = unpackPlan(parcelOf(readInWorker(text)))
    // A few thousand nodes per step: the page can paint between two.
    expect(steps.next().value).toBe(nodesPerStep)
    let step = steps.next()
    let stepsTaken = 2
    for (; !step.done; stepsTaken++) step = steps.next()
    expect(stepsTaken).toBe(Math.ceil(nodes / nodesPerStep))
    expect(step.value.nodes).toHaveLength(nodes)
    expect(asReadPlan(step.value)).toEqual(readOnPage(text))
  }, 60_000)

  it('hands its typed arrays over instead of copying them', () => {
    const parcel = parcelOf(readInWorker(fixturePairs()[0]!.json))
    expect(parcelBuffers(parcel).every((buffer) => buffer.byteLength > 0)).toBe(true)
  })

  it('answers a broken plan with the message a parse on the page gives, and no plan', () => {
    const broken = '[{"Plan": {"Node Type": "Seq Scan", '
    const page = parsePlan(broken)
    expect(page.ok).toBe(false)
    expect(readInWorker(broken)).toEqual([{ id: 7, kind: 'failed', error: !page.ok && page.error }])
  })
})
