/**
 * A panel that throws while rendering shows what went wrong in its own place.
 *
 * Without a boundary React unmounts the whole tree, taking the sidebar, the
 * open dialog and every typed character with it.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react'
import { errorData, useNotices } from '../app-state/notice-store'

interface Props {
  name: string
  children: ReactNode
}

export class PanelErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null }

  static getDerivedStateFromError(error: Error) {
    return { error }
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`[tusk] the ${this.props.name} panel failed`, error, info.componentStack)
    useNotices.getState().report(`The ${this.props.name} panel failed`, error)
  }

  override render() {
    const { error } = this.state
    if (!error) return this.props.children
    return (
      <div className="panel-failed" role="alert">
        <h2>The {this.props.name} panel stopped working</h2>
        <p>{errorData(error).message}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Show it again
        </button>
      </div>
    )
  }
}
