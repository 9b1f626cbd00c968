/** The SLA engine (issue #3 item 5; D9, D10, D11, D14). Semantics and worked examples: docs/sla.md. */
export * from './calendar';
export * from './events';
export * from './policy';
export * from './replay';
