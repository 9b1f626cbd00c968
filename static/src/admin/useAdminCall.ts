import { useCallback, useRef, useState } from 'react';
import { problemOf, type AdminProblem } from './adminApi';

export interface AdminCall {
  /** The label of the call in flight ("Saving…"), or null when idle. */
  busy: string | null;
  /** The last call's failure, shown verbatim until the next call or dismissal. */
  problem: AdminProblem | null;
  /** What the last successful call did ("Draft saved."), until the next call. */
  done: string | null;
  /** Runs one call; answers its result, or undefined when it failed (the problem is then set). */
  run: <T>(busyLabel: string, work: () => Promise<T>, doneText?: string | ((result: T) => string)) => Promise<T | undefined>;
  dismiss: () => void;
}

/**
 * One panel's calls: at most one in flight (a second click while busy is ignored), the failure kept for display.
 * A failed call leaves the caller's local state untouched, so nothing typed is lost.
 */
export function useAdminCall(): AdminCall {
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<AdminProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const inFlight = useRef(false);

  const run = useCallback(async <T>(busyLabel: string, work: () => Promise<T>, doneText?: string | ((result: T) => string)): Promise<T | undefined> => {
    if (inFlight.current) return undefined;
    inFlight.current = true;
    setBusy(busyLabel);
    setProblem(null);
    setDone(null);
    try {
      const result = await work();
      if (doneText !== undefined) setDone(typeof doneText === 'function' ? doneText(result) : doneText);
      return result;
    } catch (error: unknown) {
      setProblem(problemOf(error));
      return undefined;
    } finally {
      inFlight.current = false;
      setBusy(null);
    }
  }, []);

  const dismiss = useCallback(() => setProblem(null), []);
  return { busy, problem, done, run, dismiss };
}
