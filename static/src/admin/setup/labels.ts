import { RECORD_KIND_LABEL } from '../../recordKind';
import type { FieldSlot, RecordSlot } from '../domain';

/** The record kinds in words: the work product ids ("(WP.18)") are left out of the wizard's table. */
const inWords = <T extends Record<string, string>>(labels: T): T => Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, v.replace(/\s*\(WP\.\d+\)$/, '')])) as T;

export const RECORD_SLOT_LABEL: Readonly<Record<RecordSlot, string>> = {
  ...inWords(RECORD_KIND_LABEL),
  problem: 'Problem record (optional module)',
  'service-request': 'Service request (optional module)',
};

export const FIELD_SLOT_LABEL: Readonly<Record<FieldSlot, string>> = {
  impact: 'Impact',
  urgency: 'Urgency',
  changeType: 'Change type',
  affectedServices: 'Affected services',
  impactedCis: 'Impacted configuration items',
  plannedStart: 'Planned start',
  plannedEnd: 'Planned end',
  rootCause: 'Root cause',
  majorIncident: 'Major incident',
  securityIncident: 'Security incident',
  implementationPlan: 'Change: implementation plan',
  testPlan: 'Change: test plan',
  backoutPlan: 'Change: back-out plan',
  businessImpact: 'Change: business impact',
  builder: 'Change: who builds it',
  deployer: 'Change: who deploys it',
};

export const ACTION_LABEL: Readonly<Record<string, { text: string; appearance: 'success' | 'inprogress' | 'new' | 'moved' }>> = {
  reuse: { text: 'Reuse', appearance: 'success' },
  'add-to-project': { text: 'Add to project', appearance: 'inprogress' },
  create: { text: 'Create', appearance: 'new' },
  'add-options': { text: 'Add options', appearance: 'moved' },
};
