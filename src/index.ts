/** Only re-exports the handlers that manifest.yml names (function.handler = index.<export>). */
export { resolverHandler as resolver } from './resolvers';
export { onIssueEvent } from './triggers/issue-events';
export { slaScan } from './triggers/sla-scan';
export { validateTransition } from './validators/transition';
