import type { RecordKind } from './api';

/** How each record kind is named in ISO/IEC TR 29110-5-3 terms. */
export const RECORD_KIND_LABEL: Readonly<Record<Exclude<RecordKind, 'unmapped'>, string>> = {
  incident: 'Service incident record (WP.18)',
  'service-change-request': 'Service change request (WP.11)',
  'customer-agreement': 'Customer service agreement (WP.03)',
  'supplier-agreement': 'Supplier agreement (WP.21)',
};

export function recordKindLabel(kind: string): string | null {
  return kind in RECORD_KIND_LABEL ? RECORD_KIND_LABEL[kind as keyof typeof RECORD_KIND_LABEL] : null;
}
