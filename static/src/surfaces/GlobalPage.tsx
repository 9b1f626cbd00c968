import type { GovernanceView } from '../api';
import { loadGlobalPage } from '../api';
import { setViewerTime } from '../admin/format';
import { ServiceDeliveryHome } from '../global/ServiceDeliveryHome';
import { ErrorState, Loading } from '../components/States';
import { useResolver } from '../useResolver';
import type { SurfaceProps } from './types';

/**
 * The global page "Service delivery" (module jira:globalPage, D28): the service team's home, where managers who are not
 * Jira administrators approve and edit the role list and the policy. It reuses the admin page's role and policy
 * components, so it lives in its own lazily loaded chunk beside the admin chunk.
 */
export default function GlobalPage({ context, initial }: SurfaceProps<GovernanceView>) {
  setViewerTime(context);
  const [resource, retry] = useResolver(loadGlobalPage, initial);
  if (resource.status === 'loading') return <Loading label="Loading the service team’s roles and policy" />;
  if (resource.status === 'error') {
    return <ErrorState title="Service delivery could not be opened" message={resource.message} onRetry={retry} />;
  }
  return <ServiceDeliveryHome initialView={resource.data} />;
}
