import { useEffect, useState } from 'react';

/**
 * Browser time elapsed since the view arrived (`receivedAt`, a performance.now() reading), ticking once a second
 * while `live`. performance.now() is monotonic and independent of the browser's wall clock, which may disagree with
 * the server's (the sandbox clock is moved at will): the countdown is the server's figure minus this.
 */
export function useSinceView(receivedAt: number, live: boolean): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    setNow(performance.now());
    if (!live) return undefined;
    const id = window.setInterval(() => setNow(performance.now()), 1000);
    return () => window.clearInterval(id);
  }, [receivedAt, live]);
  return Math.max(0, now - receivedAt);
}
