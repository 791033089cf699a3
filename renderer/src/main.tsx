import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { AppShell } from './shell/app-shell'
import { reportUnhandledErrors } from './app-state/global-error-reporting'
import './styles/base.css'
import './styles/shell.css'
import './styles/connections.css'
import './styles/dialogs.css'
import './styles/sandbox.css'
import './styles/notices.css'
import './styles/app.css'
import './styles/plan-compare.css'
import './styles/vacuum.css'
import './styles/joins.css'
import './styles/statement-locks.css'
import './styles/activity.css'
// Last: presenter mode overrides the views' sizes.
import './styles/presenter.css'

reportUnhandledErrors()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppShell />
  </StrictMode>
)
