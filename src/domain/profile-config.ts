/**
 * D2 (GEN-03): which processes and optional modules of the profile are switched on. Each of GO, CO, RE, IN can be
 * switched separately; the optional modules come from seeds 000 and 001 (D1). Presets: "Entry" = GO, RE, IN plus
 * Service requests; "Basic" = all four processes plus every optional module. Any mix is allowed.
 */
import { PROCESS_CODES, type ProcessCode } from './profile/processes';

export const OPTIONAL_MODULES = ['problem', 'service-request', 'configuration', 'continuity', 'improvement-register', 'on-call'] as const;
export type OptionalModule = (typeof OPTIONAL_MODULES)[number];

export interface ProfileConfig {
  processes: Record<ProcessCode, boolean>;
  modules: Record<OptionalModule, boolean>;
}

export type PresetId = 'entry' | 'basic';

export const PRESET_IDS = ['entry', 'basic'] as const satisfies readonly PresetId[];

function config(processes: readonly ProcessCode[], modules: readonly OptionalModule[]): ProfileConfig {
  return {
    processes: Object.fromEntries(PROCESS_CODES.map((c) => [c, processes.includes(c)])) as Record<ProcessCode, boolean>,
    modules: Object.fromEntries(OPTIONAL_MODULES.map((m) => [m, modules.includes(m)])) as Record<OptionalModule, boolean>,
  };
}

/**
 * D2 presets. Entry (PRF-02, 000 "Entry + Basic" areas): Governance, Service relationship (service level management)
 * and Service incident, plus the Service request module; Service control stays off. Basic: everything.
 */
export const PRESETS: Readonly<Record<PresetId, ProfileConfig>> = {
  entry: config(['GO', 'RE', 'IN'], ['service-request']),
  basic: config(PROCESS_CODES, OPTIONAL_MODULES),
};

/**
 * Basic is the default because the product's point is the full 29110-5-3 profile, change management (CO) included;
 * a VSE that starts smaller picks Entry in one click (D2).
 */
export const DEFAULT_PROFILE_CONFIG: ProfileConfig = config(PROCESS_CODES, OPTIONAL_MODULES);

/** Whether two configurations switch the same processes and modules on. */
export function sameConfig(a: ProfileConfig, b: ProfileConfig): boolean {
  return PROCESS_CODES.every((c) => a.processes[c] === b.processes[c]) && OPTIONAL_MODULES.every((m) => a.modules[m] === b.modules[m]);
}

/** D2: the preset a configuration equals, or 'custom' for any other mix (which is allowed). */
export function presetOf(cfg: ProfileConfig): PresetId | 'custom' {
  return PRESET_IDS.find((id) => sameConfig(cfg, PRESETS[id])) ?? 'custom';
}

export interface ConfigNotice { rule: string; message: string }

const MODULE_NAMES: Readonly<Record<OptionalModule, string>> = {
  problem: 'Problem management',
  'service-request': 'Service requests',
  configuration: 'Configuration (CMDB-lite)',
  continuity: 'Service continuity',
  'improvement-register': 'Continual improvement register',
  'on-call': 'On-call',
};

/**
 * D2 (GEN-03 allows any mix): what a configuration switches off, said plainly, so the admin chooses knowingly.
 * Notices, not refusals. Order: the processes (GO, CO, RE, IN), then the modules, as on the admin page.
 */
export function configNotices(cfg: ProfileConfig): ConfigNotice[] {
  const on = cfg.processes;
  const notices: ConfigNotice[] = [];
  const anyProcess = PROCESS_CODES.some((c) => on[c]);
  if (!anyProcess) {
    notices.push({ rule: 'GEN-03', message: 'No process is switched on: the app checks no 29110 rule and records no evidence. Switch on at least one of GO, CO, RE and IN (GEN-03).' });
  }
  if (!on.GO && anyProcess) {
    notices.push({ rule: 'WP.14', message: 'Governance (GO) is off, but the service delivery policy (WP.14) is still needed: the priority matrix, SLA targets, service hours, change definitions and standard communications of the other processes are read from it (WP.14, D8, D9). It stays editable and approvable here.' });
    notices.push({ rule: 'WP.08', message: 'Governance (GO) is off, but the list of assigned roles (WP.08) is still needed: every approval the standard gives to a role is checked against it on the server (WP.08, D6). It stays editable and approvable here.' });
  }
  if (!on.CO) {
    notices.push({ rule: 'D16', message: 'Service control (CO) is off: change requests are not gated. Nothing checks their approval, build, test or deployment (D16), who approves them (D7), the change schedule (D17) or pre-approved templates (D15).' });
    if (on.IN) {
      notices.push({ rule: 'D13', message: 'Service control (CO) is off while Service incident (IN) is on: an incident with significant impact still needs a root cause and a linked service change request before it closes (D13, IN.2.2 NOTE 2), but that change request is only linked, not controlled by the change process.' });
    }
  }
  if (!on.RE) {
    notices.push({ rule: 'D18', message: 'Service relationship (RE) is off: there are no customer or supplier agreements (WP.03, WP.21) and no service catalogue (WP.10), so every customer gets the policy’s targets and service hours (D9, D10, D18) and no service performance report (WP.19) is produced.' });
  }
  if (!on.IN) {
    notices.push({ rule: 'D9', message: 'Service incident (IN) is off: incidents are not prioritised by the matrix (D8), their SLA clocks and escalations to management do not run (D9, D10, D14), and the standard incident messages are not sent (IN-10).' });
  }
  const m = cfg.modules;
  if (m.problem && !on.IN) {
    notices.push({ rule: 'PRB-12', message: `${MODULE_NAMES.problem} is on while Service incident (IN) is off: a problem is the root cause of one or more incidents (PRB-12), and there are no incident records to link problems to.` });
  }
  if (m['service-request'] && !on.CO) {
    notices.push({ rule: 'SRQ-03', message: `${MODULE_NAMES['service-request']} is on while Service control (CO) is off: a request for a pre-approved change (SRQ-03) is fulfilled as a request only; there are no pre-approved change templates (D15) behind it.` });
  }
  if (m.configuration && !on.CO) {
    notices.push({ rule: 'CO-11', message: `${MODULE_NAMES.configuration} is on while Service control (CO) is off: deployments do not update the configuration records (CO-11) and change evaluations do not record component versions (CO-06); the records are kept by hand.` });
  }
  if (m['improvement-register'] && !on.GO) {
    notices.push({ rule: 'GO-11', message: `${MODULE_NAMES['improvement-register']} is on while Governance (GO) is off: improvement items are recorded, but no improvement report (WP.07) is produced or approved from them (GO-11).` });
  }
  if (m['on-call'] && !on.IN) {
    notices.push({ rule: 'ONC-01', message: `${MODULE_NAMES['on-call']} is on while Service incident (IN) is off: the rota is kept, but no High or Critical incident pages the on-call engineer (ONC-01).` });
  }
  return notices;
}
