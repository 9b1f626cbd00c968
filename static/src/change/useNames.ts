import { requestJira } from '@forge/bridge';
import { useEffect, useState } from 'react';

/**
 * Names for the people the server could only name by account (the role list keeps account ids; the panel's server
 * call stays within its two Jira calls): one Jira user lookup from the browser, as the viewer, when there are any.
 */
export function useNames(accountIds: readonly string[]): ReadonlyMap<string, string> {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const key = [...new Set(accountIds)].sort().join(',');
  useEffect(() => {
    if (!key) return;
    let live = true;
    const params = new URLSearchParams();
    for (const id of key.split(',')) params.append('accountId', id);
    params.set('maxResults', '50');
    requestJira(`/rest/api/3/user/bulk?${params.toString()}`)
      .then((res) => (res.ok ? (res.json() as Promise<{ values?: Array<{ accountId: string; displayName: string }> }>) : { values: [] }))
      .then((page) => {
        if (live) setNames(new Map((page.values ?? []).map((u) => [u.accountId, u.displayName])));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [key]);
  return names;
}

/** The server named this person by their account only. */
export const unnamed = (p: { accountId: string; displayName: string }): boolean => p.displayName === p.accountId;
