import Button from '@atlaskit/button/new';
import TextArea from '@atlaskit/textarea';
import { useState } from 'react';
import type { JsmRatingView, SatisfactionView, Score } from '@contract/feedback';
import { callFunction, messageOf } from '../api';
import { Block, Muted } from './Block';
import { formatInstant } from './format';

const SCORE_WORDS: Record<Score, string> = { 1: 'Very poor', 2: 'Poor', 3: 'Fair', 4: 'Good', 5: 'Excellent' };
const SCORES: Score[] = [1, 2, 3, 4, 5];

/**
 * The customer's satisfaction rating at closure (issue #14; GO.2.3 "measure customer experience", D26): the reporter
 * rates the service 1–5 with an optional comment once the incident is resolved, and may change it; the service team
 * sees every rating, and JSM's own rating on demand (it costs a Jira call, outside the panel's budget).
 */
export function Satisfaction({ initial, timeZone, locale }: { initial: SatisfactionView; timeZone: string | undefined; locale: string | undefined }) {
  const [view, setView] = useState(initial);
  const [editing, setEditing] = useState(false);
  const [score, setScore] = useState<Score | null>(initial.mine?.score ?? null);
  const [comment, setComment] = useState(initial.mine?.comment ?? '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [jsm, setJsm] = useState<JsmRatingView | null>(null);
  const team = view.all !== null;
  if (!view.resolved && !team) return null;

  const send = async () => {
    if (score === null) return;
    setBusy(true);
    setProblem(null);
    try {
      setView(await callFunction('satisfaction.rate', { score, comment }));
      setEditing(false);
    } catch (e) { setProblem(messageOf(e)); } finally { setBusy(false); }
  };
  const readJsm = async () => {
    setBusy(true);
    setProblem(null);
    try { setJsm(await callFunction('satisfaction.jsmRating', {})); } catch (e) { setProblem(messageOf(e)); } finally { setBusy(false); }
  };
  const mine = view.mine;
  const form = view.rate.allowed && (mine === null || editing);

  return (
    <Block id="sd-satisfaction" title={team ? 'Customer satisfaction' : 'How did we do?'} testId="sd-satisfaction">
      {team ? (
        view.all && view.all.length ? (
          <ul className="sd-inc-rows" data-testid="sd-satisfaction-all">
            {view.all.map((r) => (
              <li key={r.rater.accountId}>{r.rater.displayName}: <strong>{r.score} of 5</strong> ({SCORE_WORDS[r.score]}){r.comment ? ` — “${r.comment}”` : ''} · {formatInstant(r.at, timeZone, locale)}{r.earlier ? ` · changed ${r.earlier} time${r.earlier > 1 ? 's' : ''}` : ''}</li>
            ))}
          </ul>
        ) : <Muted testId="sd-satisfaction-none">{view.resolved ? 'The customer has not rated the service yet.' : 'The customer rates the service once the incident is resolved.'}</Muted>
      ) : null}
      {!team && mine && !editing ? (
        <p className="sd-inc-line" data-testid="sd-satisfaction-mine">
          You rated our service <strong>{mine.score} of 5</strong> ({SCORE_WORDS[mine.score]}){mine.comment ? `: “${mine.comment}”` : ''}. Thank you.{' '}
          {view.rate.allowed ? <Button appearance="subtle" spacing="compact" testId="sd-satisfaction-change" onClick={() => setEditing(true)}>Change my rating</Button> : null}
        </p>
      ) : null}
      {!team && !view.rate.allowed && view.rate.reason && !mine ? <Muted testId="sd-satisfaction-reason">{view.rate.reason}</Muted> : null}
      {form && !team ? (
        <div role="group" aria-labelledby="sd-satisfaction-question">
          <p id="sd-satisfaction-question" className="sd-inc-line">How satisfied are you with how we handled this incident?</p>
          <div className="sd-inc-buttons" role="radiogroup" aria-label="Your rating, from 1 (very poor) to 5 (excellent)" data-testid="sd-satisfaction-scores">
            {SCORES.map((s) => (
              <label key={s}>
                <input type="radio" name="sd-satisfaction-score" value={s} checked={score === s} onChange={() => setScore(s)} data-testid={`sd-satisfaction-score-${s}`} /> {s} · {SCORE_WORDS[s]}
              </label>
            ))}
          </div>
          <label className="sd-inc-muted" htmlFor="sd-satisfaction-comment">Comment (optional)</label>
          <TextArea id="sd-satisfaction-comment" testId="sd-satisfaction-comment" minimumRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
          <p className="sd-inc-line">
            <Button appearance="primary" testId="sd-satisfaction-send" isDisabled={score === null || busy} onClick={() => void send()}>{busy ? 'Sending…' : 'Send rating'}</Button>
            {editing ? <Button appearance="subtle" testId="sd-satisfaction-cancel" onClick={() => setEditing(false)}>Cancel</Button> : null}
          </p>
        </div>
      ) : null}
      {view.jsmReadable ? (
        jsm ? (
          <p className="sd-inc-line" data-testid="sd-satisfaction-jsm">
            Jira Service Management’s own rating: {jsm.rating === null ? 'none given' : <><strong>{jsm.rating} of 5</strong>{jsm.comment ? ` — “${jsm.comment}”` : ''}</>}
          </p>
        ) : (
          <Button appearance="subtle" spacing="compact" testId="sd-satisfaction-read-jsm" isDisabled={busy} onClick={() => void readJsm()}>Show Jira Service Management’s rating</Button>
        )
      ) : null}
      {problem ? <p role="alert" className="sd-inc-muted" data-testid="sd-satisfaction-problem">{problem}</p> : null}
    </Block>
  );
}
