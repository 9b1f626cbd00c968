import type { RecordKind } from './api';

/** Each record kind in plain words, as a service team calls it (issue #12: words, not codes). */
export const RECORD_KIND_LABEL: Readonly<Record<Exclude<RecordKind, 'unmapped'>, string>> = {
  incident: 'Incident',
  'service-change-request': 'Change request',
  'customer-agreement': 'Customer agreement',
  'supplier-agreement': 'Supplier agreement',
};

/** The work product of ISO/IEC TR 29110-5-3 each record is, for the quiet "Why?" line. */
export const RECORD_KIND_WHY: Readonly<Record<Exclude<RecordKind, 'unmapped'>, string>> = {
  incident: 'Service incident record (WP.18)',
  'service-change-request': 'Service change request (WP.11)',
  'customer-agreement': 'Customer service agreement (WP.03)',
  'supplier-agreement': 'Supplier agreement (WP.21)',
};

export function recordKindLabel(kind: string): string | null {
  return kind in RECORD_KIND_LABEL ? RECORD_KIND_LABEL[kind as keyof typeof RECORD_KIND_LABEL] : null;
}

export function recordKindWhy(kind: string): string | null {
  return kind in RECORD_KIND_WHY ? RECORD_KIND_WHY[kind as keyof typeof RECORD_KIND_WHY] : null;
}
