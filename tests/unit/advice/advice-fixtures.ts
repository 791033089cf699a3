/** Plans captured for the advice rules (tests/integration/advice/capture-advice-plans.test.ts writes them). */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parsePlan } from '@shared/explain/read/parse-plan'
import type { ExplainPlan } from '@shared/explain/model/plan-model'
import { planAdvice } from '@shared/advice/plan-advice'
import type { AdviceContext, AdviceItem } from '@shared/advice/advice-item'

const dir = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'plans', 'advice')

export function advicePlan(name: string): ExplainPlan {
  const parsed = parsePlan(readFileSync(path.join(dir, `${name}.json`), 'utf8'))
  if (!parsed.ok) throw new Error(`${name}: ${parsed.error.message}`)
  return parsed.plan
}

export function adviceFor(name: string, context: AdviceContext = {}): Promise<AdviceItem[]> {
  return planAdvice(advicePlan(name), context)
}
