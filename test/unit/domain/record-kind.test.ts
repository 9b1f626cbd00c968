import { recordKindOf } from '../../../src/domain/record-kind';

describe('which work product an issue is', () => {
  it('maps JSM ITSM issue types by default: Incident → WP.18, Change → WP.11', () => {
    expect(recordKindOf('Incident')).toBe('incident');
    expect(recordKindOf(' incident ')).toBe('incident');
    expect(recordKindOf('Change')).toBe('service-change-request');
    expect(recordKindOf('Service change request')).toBe('service-change-request');
    expect(recordKindOf('Customer agreement')).toBe('customer-agreement');
    expect(recordKindOf('Supplier agreement')).toBe('supplier-agreement');
    expect(recordKindOf('Task')).toBe('unmapped');
  });
  it('follows an admin’s mapping instead of the defaults', () => {
    const mapping = { incident: ['Störung'], 'service-change-request': ['RFC'], 'customer-agreement': [], 'supplier-agreement': [] };
    expect(recordKindOf('Störung', mapping)).toBe('incident');
    expect(recordKindOf('Incident', mapping)).toBe('unmapped');
    expect(recordKindOf('RFC', mapping)).toBe('service-change-request');
  });
});
