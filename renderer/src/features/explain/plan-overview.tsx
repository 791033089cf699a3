/**
 * What belongs to the whole plan rather than a node: trigger time (foreign
 * keys and audit triggers are where a slow DELETE often hides), JIT, the
 * non-default settings EXPLAIN (SETTINGS) printed, planning buffers, and any
 * other top-level property. Each folds open on demand.
 */
import type { ExplainPlan } from '@shared/explain/model/plan-model'
import { DetailTable, KeyValueTable } from '../../ui/detail-table'
import { ms } from './plan-format'

export function PlanOverview({ plan }: { plan: ExplainPlan }) {
  const triggerMs = plan.triggers.reduce((sum, t) => sum + (t.timeMs ?? 0), 0)
  const settings = Object.entries(plan.settings)
  const others = Object.entries(plan.attributes).filter(([key]) => key !== 'Planning')
  const planningBuffers = plan.planningBuffers
  if (plan.triggers.length === 0 && !plan.jit && settings.length === 0 && others.length === 0 && !planningBuffers) return null
  return (
    <div className="plan-overview" aria-label="Whole plan">
      {plan.triggers.length > 0 && (
        <details>
          <summary>
            Triggers: {plan.triggers.length} · {ms(triggerMs)}
            {plan.executionTimeMs ? ` (${((triggerMs / plan.executionTimeMs) * 100).toFixed(0)} % of execution)` : ''}
          </summary>
          <DetailTable
            head={['Trigger', 'On', 'Time', 'Calls']}
            rows={plan.triggers.map((t) => ({ key: `${t.name}-${t.relation}`, cells: [t.name, t.relation ?? '', ms(t.timeMs), t.calls ?? ''] }))}
          />
        </details>
      )}
      {plan.jit && (
        <details>
          <summary>
            JIT: {plan.jit.functions ?? '?'} functions · {ms(plan.jit.timingMs['Total'] ?? null)}
          </summary>
          <KeyValueTable
            entries={[
              ...Object.entries(plan.jit.timingMs).map(([k, v]): [string, string] => [k, ms(v)]),
              ...Object.entries(plan.jit.options).map(([k, v]): [string, string] => [k, v ? 'on' : 'off'])
            ]}
          />
        </details>
      )}
      {settings.length > 0 && (
        <details>
          <summary>Settings changed: {settings.map(([k, v]) => `${k}=${v}`).join(', ')}</summary>
          <KeyValueTable entries={settings} />
        </details>
      )}
      {planningBuffers && (
        <details>
          <summary>Planning buffers</summary>
          <KeyValueTable
            entries={(['shared', 'local', 'temp'] as const).flatMap((kind) =>
              Object.entries(planningBuffers[kind])
                .filter(([, n]) => n > 0)
                .map(([what, n]): [string, string] => [`${kind} ${what}`, String(n)])
            )}
          />
        </details>
      )}
      {others.length > 0 && (
        <details>
          <summary>More: {others.map(([k]) => k).join(', ')}</summary>
          <KeyValueTable entries={others.map(([k, v]): [string, string] => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)])} />
        </details>
      )}
    </div>
  )
}
