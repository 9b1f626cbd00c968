import { DatePicker } from '@atlaskit/datetime-picker';
import Select from '@atlaskit/select';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import type { Payload, TrainingRecord } from '../adminApi';
import type { GovernancePanelProps } from '../governance';
import { TRAINING_LIST_LIMIT } from '@contract/limits';
import { formatDay, formatWhen, nameOf, viewerLocale } from '../format';
import { ActionBar, ActionButton } from '../ui/ActionButton';
import { AdminError, DoneNote } from '../ui/AdminError';
import { Empty, Label } from '../ui/controls';
import { useAdminCall } from '../useAdminCall';

type Form = Payload<'roles.recordTraining'>;

/** The task a record serves, in words; the clause id is for the muted "Why?" line only. */
const TASKS: ReadonlyArray<{ value: Form['task']; label: string }> = [
  { value: 'IN.1.1', label: 'Train people to perform their assigned tasks' },
  { value: 'IN.1.2', label: 'Keep the people involved competent' },
  { value: 'GO.3.1', label: 'Obtain, monitor and manage human resources' },
];

const taskLabel = (task: string): string => TASKS.find((t) => t.value === task)?.label ?? task;

const KINDS: ReadonlyArray<{ value: Form['kind']; label: string }> = [
  { value: 'training', label: 'Training' },
  { value: 'competence', label: 'Competence' },
];

function emptyForm(accountId: string, today: string): Form {
  return { accountId, kind: 'training', title: '', completedOn: today, notes: '', task: 'IN.1.1' };
}

/**
 * Training and competence records of the people on the approved WP.08 (ROL-22, IN-14): the list and a small form.
 * Records are stored one by one beside the list (GO-12); recording one makes no new version of it.
 */
export function TrainingRecords({ view, onView, reload, people, calls }: GovernancePanelProps) {
  const current = view.roles.current;
  const records: readonly TrainingRecord[] = view.roles.training;
  const personIds = [...new Set((current?.content.assignments ?? []).map((a) => a.accountId))];
  const [form, setForm] = useState<Form>(() => emptyForm(personIds[0] ?? '', view.today));
  const call = useAdminCall();
  const permission = view.permissions['training.record'];
  const denied = permission.allowed ? null : (permission.reason ?? 'You may not record training.');
  const accountId = personIds.includes(form.accountId) ? form.accountId : (personIds[0] ?? '');

  const missing = !current
    ? 'Approve a role list first: training is recorded on the approved list.'
    : accountId === ''
      ? 'Choose a person.'
      : form.title.trim().length < 3
        ? 'Say what the training or competence is (at least 3 characters).'
        : !/^\d{4}-\d{2}-\d{2}$/.test(form.completedOn)
          ? 'Give the date it was completed.'
          : null;

  async function record(): Promise<void> {
    const answer = await call.run('Recording…', () => calls.recordTraining({ ...form, accountId, title: form.title.trim() }), `Recorded “${form.title.trim()}” for ${nameOf(people, accountId)}.`);
    if (answer) {
      onView(answer);
      setForm(emptyForm(accountId, view.today));
    }
  }

  const personOptions = personIds.map((id) => ({ value: id, label: nameOf(people, id) }));
  const sorted = [...records].sort((a, b) => nameOf(people, a.accountId).localeCompare(nameOf(people, b.accountId)) || b.completedOn.localeCompare(a.completedOn));

  return (
    <div className="sd-stack" data-testid="sd-training">
      {sorted.length === 0 ? (
        <Empty testId="sd-training-empty">No training or competence recorded yet.</Empty>
      ) : (
        <table className="sd-table" data-testid="sd-training-list">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Kind</th>
              <th scope="col">What</th>
              <th scope="col">Task</th>
              <th scope="col">Completed</th>
              <th scope="col">Recorded</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.id} data-testid={`sd-training-${r.id}`}>
                <th scope="row">{nameOf(people, r.accountId)}</th>
                <td>{r.kind === 'training' ? 'Training' : 'Competence'}</td>
                <td>
                  {r.title}
                  {r.notes ? <span className="sd-hint sd-block">{r.notes}</span> : null}
                </td>
                <td>
                  {taskLabel(r.task)}
                  <span className="sd-hint sd-block">Why? {r.task}</span>
                </td>
                <td>{formatDay(r.completedOn)}</td>
                <td className="sd-muted-cell">
                  {nameOf(people, r.recordedBy)}, {formatWhen(r.recordedAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {view.roles.trainingMore ? (
        <p className="sd-hint" data-testid="sd-training-more">
          The {TRAINING_LIST_LIMIT.toLocaleString()} most recently recorded are listed here; older records are kept and stay part of the evidence.
        </p>
      ) : null}

      {denied ? (
        <p className="sd-reason" data-testid="sd-training-denied">{denied}</p>
      ) : current ? (
        <form
          className="sd-form-grid"
          aria-label="Record training or competence"
          onSubmit={(e) => {
            e.preventDefault();
            if (!missing) void record();
          }}
        >
          <div className="sd-field">
            <Label htmlFor="sd-training-person">Person</Label>
            <Select
              inputId="sd-training-person"
              testId="sd-training-person"
              spacing="compact"
              options={personOptions}
              value={personOptions.find((o) => o.value === accountId) ?? null}
              onChange={(o) => setForm({ ...form, accountId: o?.value ?? '' })}
            />
          </div>
          <div className="sd-field">
            <Label htmlFor="sd-training-kind">Kind</Label>
            <Select
              inputId="sd-training-kind"
              testId="sd-training-kind"
              spacing="compact"
              options={KINDS}
              value={KINDS.find((o) => o.value === form.kind) ?? null}
              onChange={(o) => setForm({ ...form, kind: o?.value === 'competence' ? 'competence' : 'training' })}
            />
          </div>
          <div className="sd-field sd-span-2">
            <Label htmlFor="sd-training-title">What</Label>
            <Textfield id="sd-training-title" testId="sd-training-title" value={form.title} placeholder="e.g. Incident handling course" onChange={(e) => setForm({ ...form, title: e.currentTarget.value })} />
          </div>
          <div className="sd-field">
            <Label htmlFor="sd-training-date">Completed on</Label>
            <DatePicker id="sd-training-date" testId="sd-training-date" spacing="compact" maxDate={view.today} locale={viewerLocale()} value={form.completedOn} onChange={(day) => setForm({ ...form, completedOn: day })} />
          </div>
          <div className="sd-field">
            <Label htmlFor="sd-training-task">Task</Label>
            <Select
              inputId="sd-training-task"
              testId="sd-training-task"
              spacing="compact"
              options={TASKS}
              value={TASKS.find((o) => o.value === form.task) ?? null}
              onChange={(o) => setForm({ ...form, task: o?.value ?? 'IN.1.1' })}
            />
          </div>
          <div className="sd-field sd-span-2">
            <Label htmlFor="sd-training-notes" hint="(optional)">Notes</Label>
            <TextArea id="sd-training-notes" testId="sd-training-notes" minimumRows={2} resize="vertical" value={form.notes} onChange={(e) => setForm({ ...form, notes: e.target.value })} />
          </div>
          <div className="sd-span-2">
            {call.problem ? <AdminError problem={call.problem} onDismiss={call.dismiss} onReload={reload} /> : null}
            <DoneNote text={call.done} testId="sd-training-done" />
            <ActionBar label="Training">
              <ActionButton testId="sd-training-save" appearance="primary" label="Record" busyLabel="Recording…" busy={call.busy} reason={missing} onClick={() => void record()} />
            </ActionBar>
          </div>
        </form>
      ) : (
        <p className="sd-hint">Approve a role list first: training is recorded on the approved list.</p>
      )}
    </div>
  );
}
