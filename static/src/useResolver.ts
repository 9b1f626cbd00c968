import { useCallback, useEffect, useState } from 'react';
import { messageOf } from './api';

export type Resource<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: T };

/**
 * Loads a resolver once per mount (and once per "Try again").
 *
 * `initial` is a call already started by the bootstrap (in parallel with the
 * surface chunk download); it is used for the first attempt so the resolver is
 * not invoked twice.
 */
export function useResolver<T>(load: () => Promise<T>, initial?: Promise<T>): [Resource<T>, () => void] {
  const [attempt, setAttempt] = useState(0);
  const [resource, setResource] = useState<Resource<T>>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    const pending = attempt === 0 && initial ? initial : load();
    pending.then(
      (data) => {
        if (live) setResource({ status: 'ready', data });
      },
      (error: unknown) => {
        if (live) setResource({ status: 'error', message: messageOf(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt, initial, load]);

  const retry = useCallback(() => {
    setResource({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  return [resource, retry];
}
