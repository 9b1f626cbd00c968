/**
 * What the e2e specs share: the sandbox's demo accounts, REST calls as one of them, and the shell's user switch.
 */
import { expect, type APIRequestContext, type Frame, type FrameLocator, type Page } from '@playwright/test';
import type { SandboxUser, SandboxUserWire } from '../../sandbox/shell/src/types';
import { normaliseUser } from '../../sandbox/shell/src/users';

export type { SandboxUser };

export function basicAuth(user: SandboxUser): string {
  return `Basic ${Buffer.from(`${user.emailAddress}:${user.apiToken}`).toString('base64')}`;
}

export async function sandboxUsers(request: APIRequestContext): Promise<SandboxUser[]> {
  const response = await request.get('/sandbox/users');
  expect(response.ok(), 'GET /sandbox/users').toBeTruthy();
  const users = (await response.json()) as SandboxUserWire[];
  return users.map(normaliseUser);
}

/** The demo account whose display name starts with `firstName` (e.g. "Sofia"). */
export async function userNamed(request: APIRequestContext, firstName: string): Promise<SandboxUser> {
  const user = (await sandboxUsers(request)).find((u) => u.displayName.split(' ')[0] === firstName);
  if (!user) throw new Error(`The seed has no account named ${firstName}.`);
  return user;
}

export async function getAs<T>(request: APIRequestContext, user: SandboxUser, path: string): Promise<{ status: number; body: T }> {
  const response = await request.get(path, { headers: { Authorization: basicAuth(user), Accept: 'application/json' } });
  return { status: response.status(), body: (response.ok() ? await response.json() : undefined) as T };
}

export async function actAs(page: Page, user: SandboxUser): Promise<void> {
  const switcher = page.getByLabel('Acting as');
  await expect(switcher.locator('option')).not.toHaveCount(0);
  await switcher.selectOption(user.accountId);
  await expect(switcher).toHaveValue(user.accountId);
}

/** Opens the app's admin page (jira:adminPage) as `user` and answers its frame once the page has loaded. */
export async function openAdminPage(page: Page, user: SandboxUser): Promise<FrameLocator> {
  await page.goto('/');
  await actAs(page, user);
  await page.goto('/admin');
  const app = page.frameLocator('[data-testid=app-frame]');
  await expect(app.getByTestId('sd-admin')).toBeVisible();
  return app;
}

/**
 * The relative luminance (WCAG) of an element's computed colour inside an app frame, for dark-theme checks.
 * Evaluated in the frame as source text: this project's Node typings have no DOM.
 */
export function luminanceIn(frame: Frame, selector: string, property: 'color' | 'backgroundColor'): Promise<number> {
  return frame.evaluate<number>(`(() => {
    const value = getComputedStyle(document.querySelector(${JSON.stringify(selector)}))[${JSON.stringify(property)}];
    const [r, g, b] = (value.match(/[\\d.]+/g) || ['0', '0', '0']).slice(0, 3).map((c) => {
      const v = Number(c) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  })()`);
}

/** Opens the service team's page (Apps → Service delivery) as `user` on one of its tabs, and answers its frame. */
export async function openServiceDeliveryTab(page: Page, user: SandboxUser, tab: string): Promise<FrameLocator> {
  await page.goto('/');
  await actAs(page, user);
  await page.getByTestId('nav-global').click();
  await expect(page).toHaveURL(/\/apps\/service-delivery$/);
  const app = page.frameLocator('[data-testid=app-frame]');
  await expect(app.getByTestId('sd-global')).toBeVisible();
  await app.getByTestId(`sd-global-tab-${tab}`).click();
  return app;
}
