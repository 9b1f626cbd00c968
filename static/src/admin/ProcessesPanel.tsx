import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Toggle from '@atlaskit/toggle';
import { useState } from 'react';
import type { PanelProps } from './AdminConsole';
import { callAdmin } from './adminApi';
import {
  OPTIONAL_MODULES,
  PRESETS,
  PRESET_IDS,
  PROCESSES,
  configNotices,
  presetOf,
  sameConfig,
  type OptionalModule,
  type PresetId,
  type ProfileConfig,
} from './domain';
import { formatWhen, nameOf } from './format';
import { ActionBar, ActionButton } from './ui/ActionButton';
import { AdminError, DoneNote } from './ui/AdminError';
import { Section } from './ui/controls';
import { useAdminCall } from './useAdminCall';

const MODULE_LABEL: Readonly<Record<OptionalModule, { name: string; description: string }>> = {
  problem: { name: 'Problem management', description: 'Problem records for the root causes of incidents.' },
  'service-request': { name: 'Service requests', description: 'Requests for information, access or standard services, apart from incidents.' },
  configuration: { name: 'Configuration management', description: 'Configuration items and their relations to services.' },
  continuity: { name: 'Service continuity', description: 'Continuity and availability plans for vital services.' },
  'improvement-register': { name: 'Improvement register', description: 'Improvement opportunities from reviews and incidents.' },
  'on-call': { name: 'On-call', description: 'On-call rotas for out-of-hours incidents.' },
};

const PRESET_LABEL: Readonly<Record<PresetId | 'custom', string>> = { entry: 'Entry', basic: 'Basic', custom: 'Custom' };

function copyOf(config: ProfileConfig): ProfileConfig {
  return { processes: { ...config.processes }, modules: { ...config.modules } };
}

/** D2 (GEN-03): which processes and optional modules are on; presets "Entry" and "Basic"; any mix is allowed. */
export function ProcessesPanel({ view, onView, reload, people }: PanelProps) {
  const { config } = view;
  const [local, setLocal] = useState<ProfileConfig | null>(null);
  const call = useAdminCall();
  const edited = local ?? config.effective;
  const changed = local !== null && !sameConfig(local, config.effective);
  const preset = presetOf(edited);
  const notices = configNotices(edited);
  const permission = view.permissions['config.edit'];
  const denied = permission.allowed ? null : (permission.reason ?? 'You may not change the configuration.');

  function update(change: (draft: ProfileConfig) => void): void {
    const next = copyOf(edited);
    change(next);
    setLocal(next);
  }

  async function save(): Promise<void> {
    const answer = await call.run('Saving…', () =>
      callAdmin('config.save', { processes: edited.processes, modules: edited.modules, expectedVersion: config.current?.version ?? null }),
      (v) => `Saved as version ${v.config.current?.version ?? '?'}.`,
    );
    if (answer) {
      onView(answer);
      setLocal(null);
    }
  }

  return (
    <div className="sd-stack" data-testid="sd-processes">
      <p className="sd-muted" data-testid="sd-config-status">
        {config.current
          ? `Version ${config.current.version} · recorded by ${nameOf(people, config.current.createdBy)} on ${formatWhen(config.current.createdAt)} · preset ${PRESET_LABEL[config.preset]}`
          : `Not saved yet: the default (${PRESET_LABEL[config.preset]}) applies.`}
      </p>

      <Section id="sd-config-presets" title="Presets">
        <div className="sd-actions">
          {PRESET_IDS.map((id) => (
            <Button
              key={id}
              testId={`sd-config-preset-${id}`}
              isSelected={preset === id}
              isDisabled={denied !== null || call.busy !== null}
              onClick={() => setLocal(copyOf(PRESETS[id]))}
            >
              {PRESET_LABEL[id]}
            </Button>
          ))}
          <span data-testid="sd-config-preset">
            Current selection: <Lozenge appearance={preset === 'custom' ? 'moved' : 'new'}>{PRESET_LABEL[preset]}</Lozenge>
          </span>
        </div>
        <p className="sd-hint">Entry: Governance, Service relationship and Service incident, with service requests. Basic: all four processes and every optional module.</p>
      </Section>

      <Section id="sd-config-processes" title="Processes">
        <ul className="sd-toggle-list">
          {PROCESSES.map((process) => {
            const id = `sd-config-process-${process.code}`;
            return (
              <li key={process.code}>
                <Toggle
                  id={id}
                  testId={id}
                  isChecked={edited.processes[process.code]}
                  isDisabled={denied !== null || call.busy !== null}
                  descriptionId={`${id}-description`}
                  onChange={(e) => update((d) => (d.processes[process.code] = e.target.checked))}
                />
                <span>
                  <label htmlFor={id} className="sd-strong">
                    {process.name}
                  </label>
                  <span id={`${id}-description`} className="sd-hint sd-block">
                    {process.purpose} Why? {process.code}
                  </span>
                </span>
              </li>
            );
          })}
        </ul>
      </Section>

      <Section id="sd-config-modules" title="Optional modules">
        <ul className="sd-toggle-list">
          {OPTIONAL_MODULES.map((module) => {
            const id = `sd-config-module-${module}`;
            return (
              <li key={module}>
                <Toggle
                  id={id}
                  testId={id}
                  isChecked={edited.modules[module]}
                  isDisabled={denied !== null || call.busy !== null}
                  descriptionId={`${id}-description`}
                  onChange={(e) => update((d) => (d.modules[module] = e.target.checked))}
                />
                <span>
                  <label htmlFor={id} className="sd-strong">
                    {MODULE_LABEL[module].name}
                  </label>
                  <span id={`${id}-description`} className="sd-hint sd-block">
                    {MODULE_LABEL[module].description}
                  </span>
                </span>
              </li>
            );
          })}
        </ul>
      </Section>

      {notices.length > 0 ? (
        <SectionMessage appearance="information" title="Notes on this selection" testId="sd-config-notices">
          <ul className="sd-bullets">
            {notices.map((n) => (
              <li key={`${n.rule}:${n.message}`}>
                <span className="sd-rule">{n.rule}</span> {n.message}
              </li>
            ))}
          </ul>
        </SectionMessage>
      ) : null}

      {call.problem ? <AdminError problem={call.problem} onDismiss={call.dismiss} onReload={reload} /> : null}
      <DoneNote text={call.done} testId="sd-config-done" />

      <ActionBar label="Configuration">
        <ActionButton
          testId="sd-config-save"
          appearance="primary"
          label="Save"
          busyLabel="Saving…"
          busy={call.busy}
          reason={denied ?? (!changed && config.current ? 'No changes to save.' : null)}
          onClick={() => void save()}
        />
        {changed ? (
          <Button appearance="subtle" testId="sd-config-revert" isDisabled={call.busy !== null} onClick={() => setLocal(null)}>
            Revert changes
          </Button>
        ) : null}
      </ActionBar>
    </div>
  );
}
