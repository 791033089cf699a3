/**
 * Index advice with a live connection: the plan's advice minus what existing
 * indexes cover, each index checked on request (hypopg or a rolled-back index),
 * applied on request (CREATE INDEX CONCURRENTLY, never on a read-only
 * connection), and the database's index health.
 */
import type pg from 'pg'
import { AppError } from '@shared/base/app-error'
import type { AdviceContext, AdviceItem } from '@shared/advice/advice-item'
import { isCreateIndex } from '@shared/advice/index-statement-check'
import { planAdvice } from '@shared/advice/plan-advice'
import { parsePlan } from '@shared/explain/read/parse-plan'
import { preorder, type ExplainPlan } from '@shared/explain/model/plan-model'
import { loadSqlParser } from '@shared/sql/sql-parser'
import { checkOut, connectionError, type PoolProvider } from '../../postgres/pool-provider'
import { readExistingIndexes, readRelationRows } from './index-catalog'
import { readIndexHealth } from './index-health-reader'
import type { HealthFinding } from '@shared/advice/index-health'
import { hasHypopg, lockWarning, sessionReadOnly, verifyIndex, verifyMethodFor, type VerifyMethod } from './index-verifier'
import { explainJson, rolledBack } from './plan-explain'
import { applyIndex, type ApplyProgress } from './index-apply'

export interface AdviseResult {
  planJson: string
  advice: AdviceItem[]
  /** What the user must know about the checks that ran (the SHARE lock of a rolled-back index). */
  warnings: string[]
}

function parsed(planJson: string): ExplainPlan {
  const result = parsePlan(planJson)
  if (!result.ok) throw new AppError({ code: 'advice/bad-plan', message: result.error.message })
  return result.plan
}

/** Existing indexes and sizes of the plan's tables, read on `client`. */
export async function adviceContext(client: pg.ClientBase, plan: ExplainPlan): Promise<AdviceContext> {
  const tables = [...new Set(preorder(plan.root).flatMap((n) => (n.relation ? [n.relation] : [])))]
  await loadSqlParser()
  const [existingIndexes, sizes] = await Promise.all([readExistingIndexes(client, tables), readRelationRows(client, tables)])
  return { existingIndexes, relationRows: (schema, table) => sizes.get(schema ? `${schema}.${table}` : table) ?? null }
}

export class AdviceService {
  constructor(private readonly options: { pools: PoolProvider; publishProgress?: (progress: ApplyProgress) => void }) {}

  private async withClient<T>(connectionId: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const { client } = await checkOut(this.options.pools, connectionId)
    let broken: Error | undefined
    try {
      return await work(client)
    } catch (error) {
      if (!AppError.is(error)) {
        broken = error as Error
        throw connectionError(this.options.pools, connectionId, error)
      }
      throw error
    } finally {
      client.release(broken)
    }
  }

  /** Advice for a plan (JSON or text); with a connection, what its indexes already cover is left out. */
  async forPlan(connectionId: string | null, planText: string): Promise<AdviceItem[]> {
    const plan = parsed(planText)
    if (connectionId === null) return planAdvice(plan)
    let context: AdviceContext = {}
    try {
      context = await this.withClient(connectionId, (client) => adviceContext(client, plan))
    } catch {
      // Advice from the plan alone is still advice: the catalogs were out of reach.
    }
    return planAdvice(plan, context)
  }

  /** EXPLAIN `sql` (ANALYZE rolled back), its advice, and with `verify` each index checked. */
  async advise(connectionId: string, input: { sql: string; analyze: boolean; verify: boolean }): Promise<AdviseResult> {
    return this.withClient(connectionId, async (client) => {
      const planJson = await rolledBack(client, () => explainJson(client, input.sql, { analyze: input.analyze }))
      const plan = parsed(planJson)
      const advice = await planAdvice(plan, await adviceContext(client, plan))
      const warnings: string[] = []
      if (input.verify) {
        const hypopg = await hasHypopg(client)
        const readOnly = this.options.pools.isReadOnly(connectionId) || (await sessionReadOnly(client))
        for (const item of advice) {
          if (verifyMethodFor(item, hypopg, readOnly).method === 'rolled-back-index') warnings.push(await lockWarning(client, item))
          const outcome = await verifyIndex(client, input.sql, item, { analyze: input.analyze, hypopg, readOnly })
          item.verification = outcome.verification
          item.verificationNote = outcome.note
        }
      }
      return { planJson, advice, warnings }
    })
  }

  /** How an item would be checked, and the warning to show first when it builds a real index. */
  async verifyMethod(connectionId: string, item: AdviceItem): Promise<{ method: VerifyMethod; warning: string | null; note: string | null }> {
    return this.withClient(connectionId, async (client) => {
      const readOnly = this.options.pools.isReadOnly(connectionId) || (await sessionReadOnly(client))
      const { method, note } = verifyMethodFor(item, await hasHypopg(client), readOnly)
      return { method, note, warning: method === 'rolled-back-index' ? await lockWarning(client, item) : null }
    })
  }

  /** Check one index item for `sql`. */
  async verify(connectionId: string, input: { sql: string; item: AdviceItem; analyze: boolean }): Promise<AdviceItem> {
    const { item } = input
    if (!item.plainStatement || !(await isCreateIndex(item.plainStatement, false))) {
      throw new AppError({ code: 'advice/not-an-index', message: 'Only a CREATE INDEX suggestion can be verified' })
    }
    return this.withClient(connectionId, async (client) => {
      const readOnly = this.options.pools.isReadOnly(connectionId) || (await sessionReadOnly(client))
      const outcome = await verifyIndex(client, input.sql, item, { analyze: input.analyze, hypopg: await hasHypopg(client), readOnly })
      return { ...item, verification: outcome.verification, verificationNote: outcome.note }
    })
  }

  async indexHealth(connectionId: string, schema: string | null): Promise<{ findings: HealthFinding[] }> {
    return this.withClient(connectionId, async (client) => ({ findings: await readIndexHealth(client, schema) }))
  }

  /** Build the index for real (CREATE INDEX CONCURRENTLY), with progress; refused on a read-only connection. */
  async apply(connectionId: string, item: AdviceItem): Promise<{ applied: boolean; indexName: string | null; durationMs: number }> {
    if (this.options.pools.isReadOnly(connectionId)) {
      throw new AppError({ code: 'advice/read-only', message: 'This connection is read-only: indexes are not created on it' })
    }
    if (!item.statement || !item.indexName || !(await isCreateIndex(item.statement, true))) {
      throw new AppError({ code: 'advice/not-an-index', message: 'Only a CREATE INDEX CONCURRENTLY suggestion can be applied' })
    }
    return applyIndex(this.options.pools, connectionId, item, this.options.publishProgress)
  }
}
