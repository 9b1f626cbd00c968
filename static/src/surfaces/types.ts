import type { AppContext } from '../api';

/** Props every lazily loaded surface receives from the shell. */
export interface SurfaceProps<T> {
  context: AppContext;
  /** The resolver call the bootstrap already started (used for the first render). */
  initial: Promise<T>;
}
