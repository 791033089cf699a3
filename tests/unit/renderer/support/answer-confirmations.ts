/**
 * The user at the app's confirmation dialog, for action tests: every question
 * asked during the current test is recorded and answered `yes` or no.
 */
import { onTestFinished } from 'vitest'
import { useConfirmations, type ConfirmationRequest } from '../../../../renderer/src/app-state/confirmation-store'

export function answerConfirmations(yes: boolean): ConfirmationRequest[] {
  const asked: ConfirmationRequest[] = []
  const unsubscribe = useConfirmations.subscribe(({ queue }) => {
    const first = queue[0]
    if (!first) return
    asked.push(first)
    first.answer(yes)
  })
  onTestFinished(unsubscribe)
  return asked
}
