/** The Joins tab's actions: the picker's tables are read on each showing of the tab (public first); a pick goes to the engine with the sample switches. */
import { describe, expect, it } from 'vitest'
import type { JoinPick } from '@shared/joins/join-pick'
import { loadPickTables, openJoinStepper } from '../../../../../renderer/src/features/joins/joins-actions'
import { useJoins } from '../../../../../renderer/src/features/joins/joins-store'
import { installFakeApi } from '../../support/fake-api'

const relations = [
  { schema: 'zoo', name: 'animals', kind: 'r', columns: [{ name: 'id', type: 'int4' }] },
  { schema: 'public', name: 'members', kind: 'r', columns: [{ name: 'id', type: 'int4' }] },
  { schema: 'public', name: 'loans', kind: 'r', columns: [{ name: 'member_id', type: 'int4' }] }
]

describe('joins actions', () => {
  it('reads the tables and their columns, public first, and reads them again after DDL', async () => {
    let listed = relations
    installFakeApi({ 'schema.completions': () => ({ relations: listed, functions: [], truncated: false }) })
    await loadPickTables('c1')
    expect(useJoins.getState().pickTables!.tables.map((t) => `${t.schema}.${t.name}:${t.columns.join(',')}`)).toEqual(['public.loans:member_id', 'public.members:id', 'zoo.animals:id'])
    listed = [...relations, { schema: 'public', name: 'fresh', kind: 'r', columns: [{ name: 'id', type: 'int4' }] }]
    await loadPickTables('c1')
    expect(useJoins.getState().pickTables!.tables.map((t) => t.name)).toEqual(['fresh', 'loans', 'members', 'animals'])
  })

  it('sends a pick with the rows per table and the interesting-rows switch', async () => {
    const pick: JoinPick = { tables: [{ schema: 'public', name: 'members' }, { schema: 'public', name: 'loans' }], joins: [{ kind: 'LEFT', condition: { type: 'on', leftTable: 0, leftColumn: 'id', rightColumn: 'member_id' } }] }
    const calls = installFakeApi({ 'joins.steps': () => ({ sql: 'SELECT …', steps: [] }) })
    useJoins.getState().setSampleSize(9)
    useJoins.getState().setInterestingRows(false)
    await openJoinStepper({ connectionId: 'c1', pick })
    expect(calls[0]).toEqual({ name: 'joins.steps', input: { connectionId: 'c1', pick, sampleSize: 9, interestingRows: false } })
    expect(useJoins.getState().steps?.sql).toBe('SELECT …')
  })
})
