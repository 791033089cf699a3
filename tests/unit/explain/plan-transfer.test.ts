/**
 * A plan handed from the parsing worker to the page as a string arrives
 * whole: the same tree, typed fields, workers, source lines and footer.
 */
import { describe, expect, it } from 'vitest'
import { planFromTransfer, planToTransfer } from '@shared/explain/read/plan-transfer'
import { fixturePairs, parsed } from './support/fixtures'
import { largeTextPlan } from './support/large-plans'

describe('a plan sent from the worker', () => {
  it.each(fixturePairs().flatMap((pair) => [`${pair.name}.txt`, `${pair.name}.json`].map((name, i) => [name, i ? pair.json : pair.text])))(
    '%s arrives equal to the plan parsed on the page',
    (_name, source) => {
      const plan = parsed(source)
      expect(planFromTransfer(planToTransfer(plan))).toEqual(plan)
    }
  )

  it('arrives with every node of a big text plan and its lines', () => {
    const { text, nodes } = largeTextPlan(2 * 1024 * 1024)
    const plan = planFromTransfer(planToTransfer(parsed(text)))
    const all = [plan.root]
    for (let i = 0; i < all.length; i++) all.push(...all[i]!.children)
    expect(all).toHaveLength(nodes)
    expect(all.every((node) => node.sourceLines !== undefined)).toBe(true)
  })
})
