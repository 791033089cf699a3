/**
 * The join stepper's one door to the engine: ask for the steps of a query
 * (the statement under the editor's cursor, or a picked join), then bring the
 * Joins tab forward; the picker's tables come from the schema API.
 */
import { api } from '../../api/api'
import { useNavigation } from '../../app-state/navigation-store'
import { errorData } from '../../app-state/notice-store'
import { useJoins, type JoinRequest } from './joins-store'

/** Steps for `request` with the current sample size and sampling; errors land in the store (the view shows them). */
export async function openJoinStepper(request: JoinRequest): Promise<void> {
  const { sampleSize, interestingRows } = useJoins.getState()
  useJoins.setState({ request, loading: true, error: null, playing: false })
  useNavigation.getState().setTab('joins')
  try {
    const steps = await api.request('joins.steps', { ...request, sampleSize, interestingRows })
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

/** The connection's tables with their columns, for the picker (read again whenever the tab is shown). */
export async function loadPickTables(connectionId: string): Promise<void> {
  try {
    const { relations } = await api.request('schema.completions', { connectionId })
    const tables = relations.map((r) => ({ schema: r.schema, name: r.name, columns: r.columns.map((c) => c.name) })).sort((a, b) => Number(a.schema !== 'public') - Number(b.schema !== 'public') || `${a.schema}.${a.name}`.localeCompare(`${b.schema}.${b.name}`))
    useJoins.setState({ pickTables: { connectionId, tables } })
  } catch (error) {
    useJoins.setState({ error: errorData(error) })
  }
}
