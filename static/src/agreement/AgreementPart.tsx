import '../incident/incident.css';
import '../admin/admin.css';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import Textfield from '@atlaskit/textfield';
import { useCallback, useState } from 'react';
import { AGREEMENT_KIND_LABELS, type AgreementContent, type AgreementSection, type AgreementSignOffView, type AgreementVersionView } from '@contract/agreement';
import { messageOf } from '../api';
import { Select } from '../admin/ui/controls';
import { Block } from '../incident/Block';
import { formatInstant, intlLocale, splitWhy } from '../incident/format';
import { IssueLink } from '../incident/IssueLink';
import { Reason, Why } from '../incident/Why';
import { AgreementEditor } from './AgreementEditor';
import { discardDraft, recordPartySignOff, recordReview, signOff } from './agreementApi';

export interface AgreementPartProps {
  agreement: AgreementSection;
  issueKey: string;
  siteUrl: string;
  locale: string | undefined;
  timeZone: string | undefined;
  refresh: () => void;
}

const ROLE_WORDS: Readonly<Record<string, string>> = { MGT: 'Management', SM: 'Service Manager', CUS: 'Customer', SUP: 'Supplier' };
const DAYS: ReadonlyArray<[keyof AgreementContent['serviceHours']['week'], string]> = [['mon', 'Mon'], ['tue', 'Tue'], ['wed', 'Wed'], ['thu', 'Thu'], ['fri', 'Fri'], ['sat', 'Sat'], ['sun', 'Sun']];

function dayText(day: string, locale: string | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

function minutes(n: number): string {
  const h = Math.floor(n / 60), m = n % 60;
  return h === 0 ? `${String(m)} min` : m === 0 ? `${String(h)} h` : `${String(h)} h ${String(m)} min`;
}

function hoursText(sh: AgreementContent['serviceHours']): string {
  const parts = DAYS.map(([d, label]) => {
    const ranges = sh.week[d] ?? [];
    return ranges.length ? `${label} ${ranges.map((r) => `${r.from}–${r.to}`).join(', ')}` : null;
  }).filter(Boolean);
  return `${parts.join('; ') || 'No hours'} (${sh.timeZone})${sh.holidays.length ? `, ${String(sh.holidays.length)} holidays` : ''}`;
}

/** What one version (or the draft) says, in words. */
function ContentView({ content, people, locale, testId }: { content: AgreementContent; people: Map<string, string>; locale: string | undefined; testId: string }) {
  const name = (id: string) => people.get(id) ?? id;
  return (
    <dl className="sd-facts" data-testid={testId}>
      <dt>Kind</dt>
      <dd>{AGREEMENT_KIND_LABELS[content.kind]}</dd>
      <dt>With</dt>
      <dd data-testid={`${testId}-party`}>{content.party.name || '—'}{content.kind === 'customer' && content.party.organizationId === null ? ' (every customer)' : ''}</dd>
      <dt>Services</dt>
      <dd data-testid={`${testId}-services`}>{content.services.join(', ') || '—'}</dd>
      <dt>Service hours</dt>
      <dd>{hoursText(content.serviceHours)}</dd>
      <dt>Targets</dt>
      <dd>
        <ul className="sd-inc-rows" data-testid={`${testId}-targets`}>
          {Object.entries(content.targets).map(([p, t]) => (t ? (
            <li key={p}>
              {p}: first response {minutes(t.firstResponseMinutes)}, resolution {minutes(t.resolutionMinutes)} {t.clock === '24x7' ? 'round the clock' : 'of service hours'}
            </li>
          ) : null))}
        </ul>
      </dd>
      <dt>Priority matrix</dt>
      <dd>{content.priorityMatrix ? 'Its own' : 'The policy’s'}</dd>
      {content.kind === 'customer' ? (
        <>
          <dt>Contacts</dt>
          <dd>{content.contacts.map(name).join(', ') || 'The reporter only'}</dd>
        </>
      ) : null}
      <dt>Owners</dt>
      <dd>{content.owners.provider ? name(content.owners.provider) : '—'} (ours) · {content.owners.party || '—'} (theirs)</dd>
      <dt>Dates</dt>
      <dd>
        From {dayText(content.keyDates.start, locale)}{content.keyDates.end ? ` to ${dayText(content.keyDates.end, locale)}` : ', open-ended'}; reviewed from {dayText(content.keyDates.reviewOn, locale)} every {String(content.keyDates.reviewIntervalMonths)} months
      </dd>
      <dt>Approved by</dt>
      <dd>{content.approvers.map((a) => ROLE_WORDS[a]).join(', ') || '—'}</dd>
      {content.feasibility ? (
        <>
          <dt>Feasibility</dt>
          <dd className="sd-pre">{content.feasibility}</dd>
        </>
      ) : null}
      {content.terms ? (
        <>
          <dt>Terms</dt>
          <dd className="sd-pre">{content.terms}</dd>
        </>
      ) : null}
    </dl>
  );
}

function SignOffList({ signOffs, timeZone, locale }: { signOffs: AgreementSignOffView[]; timeZone: string | undefined; locale: string | undefined }) {
  if (signOffs.length === 0) return <p className="sd-inc-muted">No sign-off yet.</p>;
  return (
    <ul className="sd-inc-rows" data-testid="sd-agr-signoffs">
      {signOffs.map((s) => (
        <li key={s.role} data-role={s.role}>
          {s.role === 'CUS' || s.role === 'SUP'
            ? `${ROLE_WORDS[s.role] ?? s.role}: ${s.givenBy ?? 'signed'} by ${s.how ?? '—'}, recorded by ${s.by.displayName}`
            : `${ROLE_WORDS[s.role] ?? s.role}: ${s.by.displayName}`}
          {' · '}
          {formatInstant(s.at, timeZone, locale)}
        </li>
      ))}
    </ul>
  );
}

function VersionView({ v, people, timeZone, locale }: { v: AgreementVersionView; people: Map<string, string>; timeZone: string | undefined; locale: string | undefined }) {
  return (
    <>
      <p className="sd-inc-line">
        <Lozenge appearance="success">{v.status}</Lozenge> Version {String(v.version)}, approved {formatInstant(v.approvedAt, timeZone, locale)}
      </p>
      <ContentView content={v.content} people={people} locale={locale} testId={`sd-agr-version-${String(v.version)}`} />
      <SignOffList signOffs={v.signOffs} timeZone={timeZone} locale={locale} />
    </>
  );
}

/**
 * The agreement part of the issue panel (issue #14; WP.03, WP.21), loaded as its own chunk only for agreement issues.
 * What a Relationship Manager needs: where the agreement stands (the version in force, a draft awaiting sign-off), what
 * stands in the way of approval, its conflicts with the agreements underpinning it or underpinned by it, when its
 * review is due, its content, the sign-offs, and the earlier versions.
 */
export default function AgreementPart({ agreement, siteUrl, locale, timeZone, refresh }: AgreementPartProps) {
  const [answered, setAnswered] = useState<{ base: AgreementSection; section: AgreementSection } | null>(null);
  const section = answered !== null && answered.base === agreement ? answered.section : agreement;
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [how, setHow] = useState<'e-mail' | 'signature' | 'meeting'>('e-mail');
  const [givenBy, setGivenBy] = useState('');
  const tag = intlLocale(locale);
  const onAnswered = useCallback((fresh: AgreementSection) => {
    setAnswered({ base: agreement, section: fresh });
    refresh();
  }, [agreement, refresh]);
  const act = async (run: () => Promise<AgreementSection>): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      onAnswered(await run());
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const people = new Map(section.people.map((p) => [p.accountId, p.displayName]));
  const why = splitWhy(section.why);
  const { current, draft, actions } = section;

  if (section.audience === 'customer') {
    return (
      <div className="sd-inc sd-stack" data-testid="sd-agreement" data-audience="customer">
        <Block id="sd-agr-cust" title="Your agreement">
          {current ? <ContentView content={current.content} people={people} locale={tag} testId="sd-agr-current" /> : <p className="sd-inc-muted">Not in force yet.</p>}
        </Block>
      </div>
    );
  }

  return (
    <div className="sd-inc sd-stack" data-testid="sd-agreement" data-audience="team" data-status={section.status}>
      <Block id="sd-agr-state" title="Agreement" testId="sd-agr-state">
        <p className="sd-inc-line" data-testid="sd-agr-status">
          <Lozenge appearance={section.status === 'Draft' || section.status === 'None' ? 'default' : 'success'}>{section.status === 'None' ? 'Not drafted' : section.status}</Lozenge>{' '}
          {current ? `Version ${String(current.version)} is in force.` : 'No version is in force yet.'}
          {current && draft ? ` A changed draft (revision ${String(draft.revision)}) awaits sign-off; version ${String(current.version)} stays in force until it is approved.` : ''}
        </p>
        {section.review ? (
          <p className="sd-inc-line" data-testid="sd-agr-review">
            {section.review.due ? <Lozenge appearance="moved">Review due</Lozenge> : null}{' '}
            {section.review.due ? `The review of ${dayText(section.review.dueOn, tag)} is due.` : `Next review ${dayText(section.review.nextOn, tag)}.`}
            {section.review.lastReviewedOn ? ` Last reviewed ${dayText(section.review.lastReviewedOn, tag)}.` : ''}
            {section.review.due && actions.review.allowed ? (
              <>
                {' '}
                <Button spacing="compact" testId="sd-agr-record-review" isDisabled={busy} onClick={() => void act(() => recordReview(section.today))}>Record today’s review</Button>
              </>
            ) : null}
          </p>
        ) : null}
      </Block>

      {section.imported || section.outsideCatalogue.length || section.conflicts.length ? (
        <Block id="sd-agr-findings" title="Findings" testId="sd-agr-findings">
          {section.imported ? (
            <div data-testid="sd-agr-import-problems">
              <p className="sd-inc-line">The content in the issue’s description could not be made a draft:</p>
              <ul className="sd-inc-rows">{section.imported.problems.map((p) => <li key={p}>{p}</li>)}</ul>
            </div>
          ) : null}
          {section.outsideCatalogue.length ? <Reason testId="sd-agr-outside" text={`Not in an approved catalogue: ${section.outsideCatalogue.join(', ')} (RE-08).`} /> : null}
          {section.conflicts.length ? (
            <ul className="sd-inc-rows" data-testid="sd-agr-conflicts">
              {section.conflicts.map((c, i) => (
                <li key={`${c.other.issueKey}:${c.service}:${c.priority}:${c.measure}:${String(i)}`} data-other={c.other.issueKey}>
                  <Lozenge appearance="removed">Conflict</Lozenge> with <IssueLink issueKey={c.other.issueKey} siteUrl={siteUrl} />
                  {c.approved ? '' : ' (this draft)'}: {splitWhy(c.message).text}
                </li>
              ))}
            </ul>
          ) : null}
        </Block>
      ) : null}

      {editing ? (
        <Block id="sd-agr-edit" title={draft ? `Edit draft revision ${String(draft.revision)}` : current ? 'Change the agreement' : 'Draft the agreement'}>
          <AgreementEditor section={section} onCancel={() => setEditing(false)} onSaved={(fresh) => { setEditing(false); onAnswered(fresh); }} />
        </Block>
      ) : null}

      {draft && !editing ? (
        <Block id="sd-agr-draft" title={`Draft revision ${String(draft.revision)}`} testId="sd-agr-draft">
          <p className="sd-inc-muted">Saved by {draft.updatedBy.displayName}, {formatInstant(draft.updatedAt, timeZone, tag)}{draft.baseVersion ? `, changing version ${String(draft.baseVersion)}` : ''}.</p>
          <ContentView content={draft.content} people={people} locale={tag} testId="sd-agr-draft-content" />
          <p className="sd-inc-line" data-testid="sd-agr-needed">{draft.needed}</p>
          <SignOffList signOffs={draft.signOffs} timeZone={timeZone} locale={tag} />
          {draft.refusal ? <Reason testId="sd-agr-refusal" text={draft.refusal} /> : null}
          {actions.signAs.length || actions.record.length ? (
            <div className="sd-inc-actions" data-testid="sd-agr-sign-actions">
              {actions.signAs.map((r) => (
                <Button key={r} appearance="primary" testId={`sd-agr-sign-${r}`} isDisabled={busy} onClick={() => void act(() => signOff(draft.revision, r as 'MGT' | 'SM'))}>
                  Sign as {ROLE_WORDS[r]}
                </Button>
              ))}
              {actions.record.map((r) => (
                <div key={r} className="sd-agr-record" data-testid={`sd-agr-record-${r}`}>
                  <label className="sd-label" htmlFor={`sd-agr-given-${r}`}>Signed for the {r === 'CUS' ? 'customer' : 'supplier'} by</label>
                  <Textfield id={`sd-agr-given-${r}`} testId={`sd-agr-given-${r}`} value={givenBy} onChange={(e) => setGivenBy(e.currentTarget.value)} />
                  <label className="sd-label" htmlFor={`sd-agr-how-${r}`}>How</label>
                  <Select id={`sd-agr-how-${r}`} testId={`sd-agr-how-${r}`} value={how} options={[{ value: 'e-mail', label: 'By e-mail' }, { value: 'signature', label: 'Signature' }, { value: 'meeting', label: 'In a meeting' }]} onValue={(v) => setHow(v as typeof how)} />
                  <Button testId={`sd-agr-record-${r}-button`} isDisabled={busy || givenBy.trim() === ''} onClick={() => void act(() => recordPartySignOff(draft.revision, r as 'CUS' | 'SUP', how, givenBy))}>
                    Record the {r === 'CUS' ? 'customer’s' : 'supplier’s'} sign-off
                  </Button>
                </div>
              ))}
            </div>
          ) : actions.signReason && !draft.refusal ? <Reason testId="sd-agr-sign-reason" text={actions.signReason} /> : null}
          {actions.edit.allowed ? (
            <div className="sd-inc-actions">
              <Button testId="sd-agr-edit" isDisabled={busy} onClick={() => setEditing(true)}>Edit the draft</Button>
              <Button appearance="subtle" testId="sd-agr-discard" isDisabled={busy} onClick={() => void act(() => discardDraft(draft.revision))}>Discard the draft</Button>
            </div>
          ) : null}
        </Block>
      ) : null}

      {current ? (
        <Block id="sd-agr-current" title="In force" testId="sd-agr-current">
          <VersionView v={current} people={people} timeZone={timeZone} locale={tag} />
        </Block>
      ) : null}

      {!draft && !editing ? (
        actions.edit.allowed ? (
          <div className="sd-inc-actions">
            <Button appearance={current ? 'default' : 'primary'} testId="sd-agr-edit" isDisabled={busy} onClick={() => setEditing(true)}>
              {current ? 'Change the agreement' : 'Draft the agreement'}
            </Button>
          </div>
        ) : actions.edit.reason ? <Reason testId="sd-agr-edit-reason" text={actions.edit.reason} /> : null
      ) : null}

      {problem ? <p className="sd-inc-error" role="alert" data-testid="sd-agr-problem">{problem}</p> : null}

      {section.earlier.length ? (
        <Block id="sd-agr-earlier" title="Earlier versions" testId="sd-agr-earlier">
          {section.earlier.map((v) => (
            <details key={v.version}>
              <summary>Version {String(v.version)} ({v.status}), approved {formatInstant(v.approvedAt, timeZone, tag)}</summary>
              <VersionView v={v} people={people} timeZone={timeZone} locale={tag} />
            </details>
          ))}
        </Block>
      ) : null}

      <Why testId="sd-agr-why">{why.why ?? section.why}</Why>
    </div>
  );
}
