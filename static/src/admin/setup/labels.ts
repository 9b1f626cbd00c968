import { RECORD_KIND_LABEL } from '../../recordKind';
import type { FieldSlot, RecordSlot } from '../domain';

export const RECORD_SLOT_LABEL: Readonly<Record<RecordSlot, string>> = {
  ...RECORD_KIND_LABEL,
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
};

export const ACTION_LABEL: Readonly<Record<string, { text: string; appearance: 'success' | 'inprogress' | 'new' | 'moved' }>> = {
  reuse: { text: 'Reuse', appearance: 'success' },
  'add-to-project': { text: 'Add to project', appearance: 'inprogress' },
  create: { text: 'Create', appearance: 'new' },
  'add-options': { text: 'Add options', appearance: 'moved' },
};
