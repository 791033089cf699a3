import { describe, expect, it } from 'vitest'
import { AppError } from '@shared/base/app-error'
import { addNotice, errorData, type Notice } from '../../../../renderer/src/app-state/notice-store'

describe('the error surface', () => {
  it('folds the same error raised again into one notice with a count', () => {
    const error = { code: 'conn/refused', message: 'Nothing accepts connections' }
    let notices: Notice[] = []
    notices = addNotice(notices, { kind: 'error', title: 'Could not open Shop', error }, 1)
    notices = addNotice(notices, { kind: 'error', title: 'Could not open Shop', error }, 2)
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({ id: 1, count: 2 })
  })

  it('keeps the newest five, dropping the oldest', () => {
    let notices: Notice[] = []
    for (let i = 1; i <= 7; i++) notices = addNotice(notices, { kind: 'info', title: `n${i}` }, i)
    expect(notices.map((n) => n.title)).toEqual(['n3', 'n4', 'n5', 'n6', 'n7'])
  })

  it('keeps SQLSTATE, detail and hint of an AppError, and words anything else', () => {
    const data = { code: 'pg', message: 'syntax error', sqlstate: '42601', hint: 'Check the FROM' }
    expect(errorData(new AppError(data))).toEqual(data)
    expect(errorData(new Error('boom'))).toEqual({ code: 'ui/error', message: 'boom' })
    expect(errorData('plain')).toEqual({ code: 'ui/error', message: 'plain' })
  })
})
