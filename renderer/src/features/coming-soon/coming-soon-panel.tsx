import type { CapabilityTab } from '../../app-state/capability-tabs'

/** The panel of a capability that a later release brings: what it will do, so the tab is not a dead end. */
export function ComingSoonPanel({ tab }: { tab: CapabilityTab }) {
  return (
    <section className="coming-soon" aria-labelledby={`coming-soon-${tab.id}`} data-testid="coming-soon">
      <span className="coming-soon-badge">Coming in a later release</span>
      <h2 id={`coming-soon-${tab.id}`}>{tab.label}</h2>
      <p className="coming-soon-blurb">{tab.blurb}</p>
      {tab.coming && (
        <ul className="coming-soon-points">
          {tab.coming.map((point) => (
            <li key={point}>{point}</li>
          ))}
        </ul>
      )}
    </section>
  )
}
