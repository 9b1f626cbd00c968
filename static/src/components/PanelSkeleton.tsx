import { token } from '@atlaskit/tokens';

/** One grey bar of a skeleton (Atlaskit's skeleton colours, no animation to distract). */
function Bar({ width, height = 12 }: { width: string; height?: number }) {
  return <span aria-hidden="true" className="sd-skeleton-bar" style={{ width, height, background: token('color.skeleton') }} />;
}

/** A titled section of the final layout: a heading bar and a few text lines, at about its final height. */
function SectionSkeleton({ lines, height }: { lines: number; height: number }) {
  return (
    <div className="sd-skeleton-section" style={{ minHeight: height }}>
      <Bar width="30%" height={16} />
      {Array.from({ length: lines }, (_, i) => (
        <Bar key={i} width={i % 3 === 2 ? '55%' : i % 2 === 1 ? '70%' : '90%'} />
      ))}
    </div>
  );
}

/**
 * The incident part's layout while it loads (priority, classification, clocks, messages, links, checklist, actions),
 * at about the final heights, so nothing below jumps when the content arrives.
 */
export function IncidentSkeleton({ audience = 'team' }: { audience?: 'team' | 'customer' }) {
  const sections: Array<[number, number]> = audience === 'customer'
    ? [[3, 110], [5, 260], [2, 110], [2, 120]]
    : [[2, 96], [4, 170], [5, 300], [3, 150], [2, 96], [4, 170], [5, 330]];
  return (
    <div data-testid="sd-incident-skeleton" role="status" aria-label="Loading the incident details" className="sd-stack">
      {sections.map(([lines, height], i) => (
        <SectionSkeleton key={i} lines={lines} height={height} />
      ))}
    </div>
  );
}

/** The change part's layout while it loads (path, next step, approvals, priority, schedule, items, evidence, links, actions). */
export function ChangeSkeleton({ audience = 'team' }: { audience?: 'team' | 'customer' }) {
  const sections: Array<[number, number]> = audience === 'customer'
    ? [[1, 70]]
    : [[4, 180], [3, 120], [5, 230], [2, 96], [3, 140], [3, 130], [6, 300], [2, 96], [3, 130]];
  return (
    <div data-testid="sd-change-skeleton" role="status" aria-label="Loading the change details" className="sd-stack">
      {sections.map(([lines, height], i) => (
        <SectionSkeleton key={i} lines={lines} height={height} />
      ))}
    </div>
  );
}

/** The whole panel while its first answer loads: the header, the record facts, and the incident layout. */
export function PanelSkeleton() {
  return (
    <div data-testid="sd-loading" role="status" aria-label="Loading service delivery data" className="sd-stack">
      <Bar width="45%" height={20} />
      <div className="sd-skeleton-section" style={{ minHeight: 84 }}>
        <Bar width="60%" />
        <Bar width="40%" />
        <Bar width="35%" />
      </div>
      <IncidentSkeleton />
    </div>
  );
}
