/**
 * The join stepper's one door to the engine: ask for the steps of a query
 * (the statement under the editor's cursor), then bring the Joins tab forward.
 */
import { api } from '../../api/api'
import { useNavigation } from '../../app-state/navigation-store'
import { errorData } from '../../app-state/notice-store'
import { useJoins, type JoinRequest } from './joins-store'

/** Steps for `request` with the current sample size; errors land in the store (the view shows them). */
export async function openJoinStepper(request: JoinRequest): Promise<void> {
  const { sampleSize } = useJoins.getState()
  useJoins.setState({ request, loading: true, error: null, playing: false })
  useNavigation.getState().setTab('joins')
  try {
    const steps = await api.request('joins.steps', { ...request, sampleSize })
    useJoins.setState({ steps, index: 0, view: 'steps', loading: false })
  } catch (error) {
    useJoins.setState({ error: errorData(error), loading: false })
  }
}

/** The same query again (a new sample size, or data that changed). */
export async function rerunJoinStepper(): Promise<void> {
  const { request } = useJoins.getState()
  if (request) await openJoinStepper(request)
}
