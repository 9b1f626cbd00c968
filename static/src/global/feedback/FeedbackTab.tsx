import Spinner from '@atlaskit/spinner';
import { useCallback, useEffect, useState } from 'react';
import type { FeedbackPageView } from '@contract/feedback';
import { callFunction } from '../../api';
import { AdminError } from '../../admin/ui/AdminError';
import { useAdminCall } from '../../admin/useAdminCall';
import { ApproachCard } from './ApproachCard';
import { FeedbackLog } from './FeedbackLog';

/**
 * The Feedback tab of the service team's page (issue #14): the customer experience approach (WP.04; GO.2.3) and the
 * feedback log (WP.06; RE.2.3, RE-10). Loads its own data when opened; every action answers a fresh view.
 */
export function FeedbackTab() {
  const [view, setView] = useState<FeedbackPageView | null>(null);
  const call = useAdminCall();
  const load = useCallback(() => {
    void call.run('Loading…', () => callFunction('globalPage.feedback.load', {})).then((fresh) => {
      if (fresh) setView(fresh);
    });
    // call.run is stable.
  }, []);
  useEffect(() => { load(); }, [load]);

  if (!view) {
    return call.problem ? (
      <AdminError problem={call.problem} onDismiss={load} />
    ) : (
      <div className="sd-center" role="status" data-testid="sd-feedback-loading">
        <Spinner size="medium" label="Loading feedback" />
      </div>
    );
  }
  return (
    <div data-testid="sd-feedback">
      <FeedbackLog view={view} onView={setView} onReload={load} />
      <ApproachCard key={`${view.approach.draft?.revision ?? 0}:${view.approach.current?.version ?? 0}`} view={view} onView={setView} onReload={load} />
    </div>
  );
}
