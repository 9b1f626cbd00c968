/**
 * The rules the admin page shows live feedback from: the server's own, through the UI↔server contract (ADR 011).
 * This module is imported only by the admin chunk (never by the issue panel).
 */
export * from '@contract/admin-rules';
