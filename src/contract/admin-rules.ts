/**
 * The rules the admin page shows live feedback from (role list, policy, processes). They live once, in src/domain;
 * the page never re-implements one. Only the admin chunk imports this module (through `@contract/admin-rules`), so
 * the domain code and zod stay out of the issue panel's initial JS.
 */
export { validateRoleAssignments, MIN_JUSTIFICATION_LENGTH, DEFAULT_AREA_MAP, needsRol06Override, normalisedJustification, stampOverrides } from '../domain/sod';
export type { SodAssignment, SodFinding, SodOverride, SodValidation, SodException } from '../domain/sod';
export { LEVELS, PRIORITY_SCHEMES, PRIORITY_DESCRIPTIONS, presetMatrix } from '../domain/priority-matrix';
export type { Level, Priority, PrioritySchemeId, PriorityResult } from '../domain/priority-matrix';
export { ROLES, ROLE_CODES } from '../domain/roles';
export type { RoleCode } from '../domain/roles';
export { PROCESSES, PROCESS_CODES } from '../domain/profile/processes';
export type { ProcessCode } from '../domain/profile/processes';
export { CHANGE_TYPES } from '../domain/change-rules';
export type { ChangeType } from '../domain/change-rules';
export { WEEKDAYS } from '../domain/sla/calendar';
export type { Weekday } from '../domain/sla/calendar';
export {
  COMMUNICATION_EVENTS,
  TEMPLATE_PLACEHOLDERS,
  checkPolicy,
  classifyIncident,
  renderCommunication,
  switchPriorityScheme,
} from '../domain/policy';
export type {
  CommunicationEvent,
  CommunicationTemplate,
  PolicyIssue,
  PreApprovedTemplate,
  PriorityTargets,
  ServiceDeliveryPolicy,
  ServiceHours,
} from '../domain/policy';
export { OPTIONAL_MODULES, PRESETS, PRESET_IDS, configNotices, presetOf, sameConfig } from '../domain/profile-config';
export type { OptionalModule, PresetId, ProfileConfig } from '../domain/profile-config';
export type { FieldSlot, RecordSlot, SetupPlan, SetupStep, ProjectMapping } from '../domain/setup-plan';
export { annualReviewDate, COMMUNICATION_EVENT_LABELS } from '../domain/policy';
