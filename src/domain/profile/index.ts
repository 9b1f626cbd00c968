/**
 * ISO/IEC TR 29110-5-3 service delivery profile as typed data (issue #3): processes (GEN-02), the 40 tasks
 * (002 Tables 2–12, D1), the 21 work products (002 Table 14, WP-00) and their status machines (WP-01).
 * Pure: no I/O, no Forge, no clock.
 */
export * from './statuses';
export * from './processes';
export * from './work-products';
export * from './tasks';
export * from './status-machines';
