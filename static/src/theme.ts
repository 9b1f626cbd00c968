import { view } from '@forge/bridge';
import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';
import type { ThemeHint } from './api';

type Mode = 'light' | 'dark';
const isMode = (value: string | null | undefined): value is Mode => value === 'light' || value === 'dark';

/**
 * Applies the Atlassian design-token theme (loaded as its own chunk by main.tsx).
 *
 * 1. `view.theme.enable()` asks the Forge host to apply — and keep applying —
 *    the user's Jira theme. Tolerated to fail (older hosts, local sandbox).
 * 2. If the host has not provided the token CSS, `setGlobalTheme` loads the
 *    light/dark token themes so every `token()` value resolves. The colour mode
 *    is the context's hint, else what the host put on <html>, else the OS setting.
 */
export async function applyTheme(hint: ThemeHint | null): Promise<void> {
  try {
    await view.theme.enable();
  } catch {
    // No host theming: fall through to setGlobalTheme.
  }
  const root = document.documentElement;
  const hostMode = root.getAttribute('data-color-mode');
  const hostHasTokens = getComputedStyle(root).getPropertyValue('--ds-text').trim() !== '';
  if (hostHasTokens && isMode(hostMode)) return; // the host themed the iframe

  const colorMode = hint?.colorMode ?? (isMode(hostMode) ? hostMode : 'auto');
  await setGlobalTheme({ light: 'light', dark: 'dark', colorMode, spacing: 'spacing', typography: 'typography' });
}
