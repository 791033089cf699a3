/**
 * What the SQL workspace shows from other capabilities, handed in by the
 * shell: features never import each other, so the workspace names the shape
 * of what it needs here and the shell plugs in the Explain buttons (explain),
 * the schema browser and table page (schema), and the statement-locks panel
 * (locks).
 */
import type { ComponentType } from 'react'
import type { StatementLocks } from '@shared/locks/statement-locks'
import type { AppErrorData } from '@shared/base/app-error'

export interface WorkspaceSlots {
  /** Buttons of the toolbar that explain the statement under the cursor. */
  ExplainControls: ComponentType<{
    ownerId: string
    connectionId: string | null
    disabled: boolean
    statement: () => { sql: string; cursorOffset?: number } | undefined
    onError: (error: AppErrorData | null) => void
  }>
  /** The catalog beside the editor; `refreshKey` changes when DDL ran. */
  SchemaBrowser: ComponentType<{ connectionId: string; refreshKey: string; onOpen: (schema: string, name: string) => void }>
  /** One table's page below the editor. */
  TablePage: ComponentType<{ connectionId: string; schema: string; name: string; onPreview: () => void; onClose: () => void }>
  /** The locks a statement took (the "What does this lock?" probe). */
  StatementLocks: ComponentType<{ result: StatementLocks; onClose: () => void }>
}
