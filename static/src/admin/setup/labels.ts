import { RECORD_KIND_LABEL } from '../../recordKind';
import type { FieldSlot, RecordSlot } from '../domain';

export const RECORD_SLOT_LABEL: Readonly<Record<RecordSlot, string>> = {
  ...RECORD_KIND_LABEL,
  problem: 'Problem record (optional module)',
  'service-request': 'Service request (optional module)',
};

export const FIELD_SLOT_LABEL: Readonly<Record<FieldSlot, string>> = {
  impact: 'Impact (D8)',
  urgency: 'Urgency (D8)',
  changeType: 'Change type (D15)',
  affectedServices: 'Affected services',
  impactedCis: 'Impacted configuration items',
  plannedStart: 'Planned start',
  plannedEnd: 'Planned end',
  rootCause: 'Root cause (D13)',
  majorIncident: 'Major incident (D13)',
  securityIncident: 'Security incident (SEC-01)',
};

export const ACTION_LABEL: Readonly<Record<string, { text: string; appearance: 'success' | 'inprogress' | 'new' | 'moved' }>> = {
  reuse: { text: 'Reuse', appearance: 'success' },
  'add-to-project': { text: 'Add to project', appearance: 'inprogress' },
  create: { text: 'Create', appearance: 'new' },
  'add-options': { text: 'Add options', appearance: 'moved' },
};
