import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import TextArea from '@atlaskit/textarea';
import { useMemo, useState } from 'react';
import type { Person } from '../adminApi';
import type { GovernancePanelProps } from '../governance';
import { DEFAULT_AREA_MAP, MIN_JUSTIFICATION_LENGTH, needsRol06Override, normalisedJustification, ROLE_CODES, ROLES, validateRoleAssignments, type RoleCode } from '../domain';
import { nameOf } from '../format';
import { DraftActions } from '../ui/ActionButton';
import { AdminError, DoneNote } from '../ui/AdminError';
import { Check, Empty } from '../ui/controls';
import { PersonPicker } from '../ui/PersonPicker';
import { useAdminCall } from '../useAdminCall';
import { rowsOf, sameRows, sodInput, toPayload, type EditorRow } from './editorState';
import { SodFindings } from './SodFindings';

/**
 * The WP.08 editor: people and their roles, practitioner areas, ROL-06 overrides; live SoD feedback from the domain;
 * save as a draft, approve, discard. Unsaved edits stay here until saved or reverted, whatever else happens.
 */
export function RoleEditor({ view, onView, reload, people, calls }: GovernancePanelProps) {
  const { roles, permissions, viewer, today } = view;
  const base = useMemo(() => rowsOf(roles.draft?.content ?? roles.current?.content), [roles.draft, roles.current]);
  const [local, setLocal] = useState<EditorRow[] | null>(null);
  const [added, setAdded] = useState<Person[]>([]);
  const call = useAdminCall();
  const rows = local ?? base;
  const dirty = local !== null && !sameRows(local, base);

  const names = useMemo(() => {
    const index = new Map(people);
    for (const p of added) index.set(p.accountId, p.displayName);
    return index;
  }, [people, added]);

  const stored = [...(roles.draft?.content.overrides ?? []), ...(roles.current?.content.overrides ?? [])];
  const input = sodInput(rows, stored, viewer.accountId, today);
  const validation = validateRoleAssignments(input.assignments, { overrides: input.overrides });

  const editDenied = permissions['roles.edit'].allowed ? null : (permissions['roles.edit'].reason ?? 'You may not edit the role list.');
  const approveDenied = permissions['roles.approve'].allowed ? null : (permissions['roles.approve'].reason ?? 'You may not approve the role list.');
  const locked = editDenied !== null || call.busy !== null;

  function change(accountId: string, edit: (row: EditorRow) => EditorRow): void {
    setLocal(rows.map((r) => (r.accountId === accountId ? edit(r) : r)));
  }

  function toggleRole(accountId: string, code: RoleCode, on: boolean): void {
    change(accountId, (r) => ({ ...r, roles: ROLE_CODES.filter((c) => (c === code ? on : r.roles.includes(c))) }));
  }

  function toggleArea(accountId: string, area: string, on: boolean): void {
    change(accountId, (r) => {
      const areas = new Set(r.practitionerAreas ?? []);
      if (on) areas.add(area);
      else areas.delete(area);
      return { ...r, practitionerAreas: areas.size > 0 ? [...areas].sort() : null };
    });
  }

  function addPerson(person: Person): void {
    setAdded((list) => [...list.filter((p) => p.accountId !== person.accountId), person]);
    if (rows.some((r) => r.accountId === person.accountId)) return;
    setLocal([...rows, { accountId: person.accountId, roles: [], practitionerAreas: null, justification: '' }]);
  }

  async function save(): Promise<void> {
    const payload = toPayload(rows);
    const answer = await call.run('Saving…', () =>
      calls.saveRolesDraft({ ...payload, expectedRevision: roles.draft?.revision ?? null }),
      (v) => `Draft saved (revision ${v.roles.draft?.revision ?? '?'}). It takes effect when approved.`,
    );
    if (answer) {
      onView(answer);
      setLocal(null);
    }
  }

  async function approve(): Promise<void> {
    const draft = roles.draft;
    if (!draft) return;
    const answer = await call.run('Approving…', () => calls.approveRoles({ revision: draft.revision }), (v) => `Approved: version ${v.roles.current?.version ?? '?'} is now the list of assigned roles.`);
    if (answer) {
      onView(answer);
      setLocal(null);
    }
  }

  async function discard(): Promise<void> {
    const draft = roles.draft;
    if (!draft) return;
    const answer = await call.run('Discarding…', () => calls.discardRolesDraft({ revision: draft.revision }), 'Draft discarded.');
    if (answer) {
      onView(answer);
      setLocal(null);
    }
  }

  const approveReason =
    approveDenied ??
    (!roles.draft
      ? 'There is no saved draft to approve.'
      : dirty
        ? 'Save your changes first: approval applies to the saved draft.'
        : !roles.draft.validation.ok
          ? 'The saved draft breaks a rule (see the findings).'
          : null);
  const saveReason = editDenied ?? (!dirty ? (roles.draft ? 'No unsaved changes.' : 'No changes to save.') : null);
  const search = (query: string) => calls.searchUsers({ query });
  /** D27, said before the server says it: who may grant an override. */
  const overrideNote = (accountId: string): string | null =>
    !viewer.isJiraAdmin
      ? 'Only a Jira administrator grants an override: ask one to save it.'
      : accountId === viewer.accountId
        ? 'This override concerns you: another Jira administrator must grant it; only when you are the only one is it saved as self-granted and listed as a finding.'
        : null;

  return (
    <div className="sd-stack" data-testid="sd-roles-editor">
      {dirty ? (
        <p className="sd-unsaved" role="status" data-testid="sd-roles-unsaved">
          <Lozenge appearance="moved">Unsaved changes</Lozenge> Save the draft to keep them.
        </p>
      ) : null}

      {rows.length === 0 ? (
        <Empty testId="sd-roles-empty">No role list yet — assign a Service Manager first.</Empty>
      ) : (
        <div className="sd-scroll-x">
          <table className="sd-table sd-role-grid" aria-label="Assigned roles">
            <thead>
              <tr>
                <th scope="col">Person</th>
                {ROLE_CODES.map((code) => (
                  <th scope="col" key={code} className="sd-center">
                    <abbr title={ROLES[code].name}>{code}</abbr>
                  </th>
                ))}
                <th scope="col">
                  <span className="sd-visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            {rows.map((row) => (
              <PersonRows
                key={row.accountId}
                row={row}
                name={nameOf(names, row.accountId)}
                locked={locked}
                onRole={(code, on) => toggleRole(row.accountId, code, on)}
                onArea={(area, on) => toggleArea(row.accountId, area, on)}
                onJustification={(text) => change(row.accountId, (r) => ({ ...r, justification: text }))}
                onRemove={() => setLocal(rows.filter((r) => r.accountId !== row.accountId))}
                overrideNote={overrideNote(row.accountId)}
              />
            ))}
          </table>
        </div>
      )}

      {editDenied ? (
        <p className="sd-reason" data-testid="sd-roles-edit-denied">{editDenied}</p>
      ) : (
        <PersonPicker
          label="Add a person"
          testId="sd-roles-add-person"
          search={search}
          onPick={addPerson}
          exclude={rows.map((r) => r.accountId)}
          disabled={call.busy !== null}
        />
      )}

      <SodFindings validation={validation} names={names} live />

      {call.problem ? <AdminError problem={call.problem} onDismiss={call.dismiss} onReload={reload} /> : null}
      <DoneNote text={call.done} testId="sd-roles-done" />

      <DraftActions
        prefix="sd-roles"
        label="Role list"
        busy={call.busy}
        saveReason={saveReason}
        approveReason={approveReason}
        discardReason={editDenied}
        hasDraft={roles.draft !== null}
        dirty={dirty}
        onSave={() => void save()}
        onApprove={() => void approve()}
        onDiscard={() => void discard()}
        onUndo={() => setLocal(null)}
      />
      {dirty && !validation.ok ? (
        <p className="sd-hint" data-testid="sd-roles-save-hint">
          The app refuses to save a list that breaks a rule; resolve the refusals above first.
        </p>
      ) : null}
    </div>
  );
}

function PersonRows({
  row,
  name,
  locked,
  onRole,
  onArea,
  onJustification,
  onRemove,
  overrideNote,
}: {
  row: EditorRow;
  name: string;
  locked: boolean;
  onRole: (code: RoleCode, on: boolean) => void;
  onArea: (area: string, on: boolean) => void;
  onJustification: (text: string) => void;
  onRemove: () => void;
  overrideNote: string | null;
}) {
  const id = row.accountId;
  const needsOverride = needsRol06Override(row.roles);
  const isPractitioner = row.roles.includes('PT');
  const length = normalisedJustification(row.justification).length;
  const overrideId = `sd-roles-override-field-${id}`;
  // ROL-07 (D5): the areas of the separation-of-duty rules, and any other a stored list names, so it can be unticked.
  const configured = Object.keys(DEFAULT_AREA_MAP).sort();
  const areas = [...configured, ...(row.practitionerAreas ?? []).filter((a) => !configured.includes(a))];
  return (
    <tbody className="sd-person-group">
      <tr data-testid={`sd-roles-person-${id}`}>
        <th scope="row">{name}</th>
        {ROLE_CODES.map((code) => (
          <td key={code} className="sd-center">
            <input
              type="checkbox"
              className="sd-checkbox"
              data-testid={`sd-roles-role-${id}-${code}`}
              aria-label={`${name}: ${ROLES[code].name} (${code})`}
              checked={row.roles.includes(code)}
              disabled={locked}
              onChange={(e) => onRole(code, e.target.checked)}
            />
          </td>
        ))}
        <td>
          <Button appearance="subtle" spacing="compact" isDisabled={locked} testId={`sd-roles-remove-${id}`} onClick={onRemove} aria-label={`Remove ${name}`}>
            Remove
          </Button>
        </td>
      </tr>
      {row.roles.length === 0 ? (
        <tr className="sd-subrow">
          <td colSpan={ROLE_CODES.length + 2} className="sd-hint">
            Tick at least one role for {name}; a person without roles is left out when saving.
          </td>
        </tr>
      ) : null}
      {isPractitioner ? (
        <tr className="sd-subrow">
          <td colSpan={ROLE_CODES.length + 2}>
            <fieldset className="sd-fieldset-inline" data-testid={`sd-roles-areas-${id}`}>
              <legend>Practitioner areas of {name}</legend>
              {areas.map((area) => (
                <Check key={area} checked={row.practitionerAreas?.includes(area) ?? false} disabled={locked} onChecked={(on) => onArea(area, on)} testId={`sd-roles-area-${id}-${area}`}>
                  {configured.includes(area) ? area : `${area} (not an area: untick it)`}
                </Check>
              ))}
              <span className="sd-hint">{row.practitionerAreas ? '' : 'None ticked: counts as a practitioner in every area.'}</span>
            </fieldset>
          </td>
        </tr>
      ) : null}
      {needsOverride ? (
        <tr className="sd-subrow">
          <td colSpan={ROLE_CODES.length + 2}>
            <label className="sd-label" htmlFor={overrideId}>
              Override ROL-06 with a justification: why must {name} be both Control Manager and Incident Manager?
            </label>
            <TextArea
              id={overrideId}
              testId={`sd-roles-override-${id}`}
              minimumRows={2}
              resize="vertical"
              isDisabled={locked}
              isInvalid={length > 0 && length < MIN_JUSTIFICATION_LENGTH}
              value={row.justification}
              aria-describedby={`${overrideId}-count`}
              onChange={(e) => onJustification(e.target.value)}
            />
            <span id={`${overrideId}-count`} className="sd-hint">
              {length < MIN_JUSTIFICATION_LENGTH
                ? `${length} of at least ${MIN_JUSTIFICATION_LENGTH} characters. The override is listed as a separation-of-duty exception.`
                : `${length} characters. The override will be listed as a separation-of-duty exception.`}
            </span>
            {overrideNote ? (
              <span className="sd-hint sd-block" data-testid={`sd-roles-override-note-${id}`}>
                {overrideNote}
              </span>
            ) : null}
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}

