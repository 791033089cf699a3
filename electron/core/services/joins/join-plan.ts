import type pg from 'pg'
import type { JoinAnalysis } from '@shared/joins/join-analysis'
import type { JoinInput, JoinReplay } from '@shared/joins/join-model'
import type { StageBuilder } from '@shared/joins/join-steps'

export async function replayJoins(_client: pg.ClientBase, _sql: string, _analysis: JoinAnalysis, _stages: StageBuilder, _inputs: Map<number, JoinInput>, _params: string[][]): Promise<JoinReplay[]> {
  return []
}
