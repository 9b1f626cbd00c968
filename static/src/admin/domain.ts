/**
 * The rules the admin page shows live feedback from. They live once, in src/domain; the page never re-implements
 * one. This module is imported only by the admin chunk (never by the issue panel), so the domain code — and zod,
 * which the policy schema pulls in — stays out of the panel's initial JS.
 */
export { validateRoleAssignments, MIN_JUSTIFICATION_LENGTH, DEFAULT_AREA_MAP, needsRol06Override, normalisedJustification, stampOverrides } from '../../../src/domain/sod';
export type { SodAssignment, SodFinding, SodOverride, SodValidation, SodException } from '../../../src/domain/sod';
export { LEVELS, PRIORITY_SCHEMES, PRIORITY_DESCRIPTIONS, presetMatrix } from '../../../src/domain/priority-matrix';
export type { Level, Priority, PrioritySchemeId, PriorityResult } from '../../../src/domain/priority-matrix';
export { ROLES, ROLE_CODES } from '../../../src/domain/roles';
export type { RoleCode } from '../../../src/domain/roles';
export { PROCESSES, PROCESS_CODES } from '../../../src/domain/profile/processes';
export type { ProcessCode } from '../../../src/domain/profile/processes';
export { CHANGE_TYPES } from '../../../src/domain/change-rules';
export type { ChangeType } from '../../../src/domain/change-rules';
export { WEEKDAYS } from '../../../src/domain/sla/calendar';
export type { Weekday } from '../../../src/domain/sla/calendar';
export {
  COMMUNICATION_EVENTS,
  TEMPLATE_PLACEHOLDERS,
  checkPolicy,
  classifyIncident,
  renderCommunication,
  switchPriorityScheme,
} from '../../../src/domain/policy';
export type {
  CommunicationEvent,
  CommunicationTemplate,
  PolicyIssue,
  PreApprovedTemplate,
  PriorityTargets,
  ServiceDeliveryPolicy,
  ServiceHours,
} from '../../../src/domain/policy';
export { OPTIONAL_MODULES, PRESETS, PRESET_IDS, configNotices, presetOf, sameConfig } from '../../../src/domain/profile-config';
export type { OptionalModule, PresetId, ProfileConfig } from '../../../src/domain/profile-config';
export type { FieldSlot, RecordSlot, SetupPlan, SetupStep, ProjectMapping } from '../../../src/domain/setup-plan';
export { annualReviewDate, COMMUNICATION_EVENT_LABELS } from '../../../src/domain/policy';
