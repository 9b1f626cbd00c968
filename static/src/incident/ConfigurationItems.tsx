import Button from '@atlaskit/button/new';
import { useState } from 'react';
import { messageOf } from '../api';
import { ConfigurationItemsField } from '../change/ConfigurationItemsField';
import { callIncident } from './incidentApi';
import { Reason } from './Why';

/**
 * The configuration items an incident affects (WP.02): picked from the configuration records with the same field as a
 * change uses, saved in the incident's Impacted CIs field by the server (which refuses an id that names no record).
 */
export function IncidentConfigurationItems({ cis, action, onChanged }: { cis: readonly string[]; action: { allowed: boolean; reason: string | null }; onChanged: () => Promise<void> }) {
  const [editing, setEditing] = useState(false);
  const [choice, setChoice] = useState<{ ids: string[]; invalid: string[] }>({ ids: [...cis], invalid: [] });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const out = await callIncident('incident.setConfigurationItems', { ids: choice.ids });
      setEditing(false);
      setDone(out.ids.length ? `The incident affects ${out.ids.join(', ')}.` : 'The incident names no configuration item now.');
      await onChanged();
    } catch (e: unknown) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="sd-stack-tight" data-testid="sd-incident-cis">
      <h3 className="sd-inc-subtitle">Configuration items</h3>
      <p className={cis.length ? 'sd-inc-line' : 'sd-inc-muted'} data-testid="sd-incident-cis-value">
        {cis.length ? cis.join(', ') : 'None named yet.'}
      </p>
      {done ? <p className="sd-inc-line" role="status" data-testid="sd-incident-cis-done">{done}</p> : null}
      {!action.allowed ? (
        action.reason ? <Reason testId="sd-incident-cis-reason" text={action.reason} /> : null
      ) : editing ? (
        <div className="sd-stack-tight" data-testid="sd-incident-cis-form">
          <ConfigurationItemsField
            current={cis.map((id) => ({ id, name: id, kind: null, service: null, version: null, known: true }))}
            disabled={busy}
            onChange={setChoice}
          />
          {error ? <p role="alert" className="sd-inc-line" data-testid="sd-incident-cis-error">{error}</p> : null}
          <div className="sd-inc-buttons">
            <Button appearance="primary" testId="sd-incident-cis-save" isLoading={busy} isDisabled={busy || choice.invalid.length > 0} onClick={() => void save()}>
              Save
            </Button>
            <Button testId="sd-incident-cis-cancel" isDisabled={busy} onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <div className="sd-inc-buttons">
          <Button testId="sd-incident-cis-edit" onClick={() => { setDone(null); setEditing(true); }}>
            {cis.length ? 'Change configuration items' : 'Name configuration items'}
          </Button>
        </div>
      )}
    </div>
  );
}
