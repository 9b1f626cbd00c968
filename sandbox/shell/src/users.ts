/** Pure helpers over the sandbox's user list, shared by the shell and the e2e tests (no DOM, no state). */
import type { SandboxUser, SandboxUserWire } from './types.js';

/** A user of GET /sandbox/users as the shell uses it: roles as codes, missing fields filled. */
export function normaliseUser(wire: SandboxUserWire): SandboxUser {
  return {
    accountId: wire.accountId,
    displayName: wire.displayName,
    emailAddress: wire.emailAddress,
    apiToken: wire.apiToken,
    accountType: wire.accountType === 'customer' ? 'customer' : 'atlassian',
    roles: (wire.roles ?? []).map((r) => (typeof r === 'string' ? r : r.code)).filter((c) => typeof c === 'string' && c !== ''),
    title: wire.title ?? '',
    isJiraAdmin: wire.isJiraAdmin === true,
    timeZone: wire.timeZone ?? 'UTC',
    locale: wire.locale ?? 'en_US',
  };
}
