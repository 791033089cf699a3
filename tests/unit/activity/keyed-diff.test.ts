import { describe, expect, it } from 'vitest'
import { diffByKey, sameCells, type Cells } from '@shared/activity/keyed-diff'

const pidOf = (row: Cells) => Number(row[0])
const diff = (previous: Map<number, Cells> | null, rows: Cells[]) => diffByKey(previous, rows, pidOf, sameCells)

describe('activity diff between two polls', () => {
  it('a first poll sends every session and removes nothing', () => {
    const first = diff(null, [['1', 'idle'], ['2', 'active']])
    expect(first.changed).toEqual([['1', 'idle'], ['2', 'active']])
    expect(first.removed).toEqual([])
    expect([...first.next.keys()]).toEqual([1, 2])
  })

  it('an unchanged session is not sent again', () => {
    const first = diff(null, [['1', 'idle'], ['2', 'active']])
    const second = diff(first.next, [['1', 'idle'], ['2', 'active']])
    expect(second.changed).toEqual([])
    expect(second.removed).toEqual([])
  })

  it('a session whose state changed is sent, one that left is removed, a new one is sent', () => {
    const first = diff(null, [['1', 'idle'], ['2', 'active'], ['3', 'idle']])
    const second = diff(first.next, [['1', 'idle in transaction'], ['3', 'idle'], ['4', 'active']])
    expect(second.changed).toEqual([['1', 'idle in transaction'], ['4', 'active']])
    expect(second.removed).toEqual([2])
  })

  it('a NULL cell differs from an empty one (a query that went from NULL to "")', () => {
    const first = diff(null, [['1', null]])
    expect(diff(first.next, [['1', '']]).changed).toEqual([['1', '']])
  })

  it('rows of different widths are never equal', () => {
    expect(sameCells(['1'], ['1', null])).toBe(false)
    expect(sameCells(['1', null], ['1', null])).toBe(true)
  })
})
