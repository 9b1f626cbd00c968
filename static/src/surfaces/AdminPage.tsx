import type { AdminPageView } from '../api';
import { loadAdminPage } from '../api';
import { AdminConsole } from '../admin/AdminConsole';
import { setViewerTime } from '../admin/format';
import { ErrorState, Loading } from '../components/States';
import { useResolver } from '../useResolver';
import type { SurfaceProps } from './types';

/** The admin page (module jira:adminPage, issue #4). Everything it imports is in the lazily loaded admin chunk. */
export default function AdminPage({ context, initial }: SurfaceProps<AdminPageView>) {
  setViewerTime(context);
  const [resource, retry] = useResolver(loadAdminPage, initial);
  if (resource.status === 'loading') return <Loading label="Loading the service delivery profile" />;
  if (resource.status === 'error') {
    return <ErrorState title="The admin page could not be loaded" message={resource.message} onRetry={retry} />;
  }
  return <AdminConsole initialView={resource.data} />;
}
