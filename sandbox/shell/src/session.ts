/** The sandbox user the shell is "acting as", remembered in localStorage. */

import type { SandboxUser, SandboxUserWire } from './types.js';
import { normaliseUser } from './users.js';

const STORAGE_KEY = 'forge-sandbox.actingAs';

let users: SandboxUser[] = [];
let current: SandboxUser | null = null;

export function allUsers(): readonly SandboxUser[] {
  return users;
}

export function currentUser(): SandboxUser | null {
  return current;
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Default: the remembered user, else the first agent with the SM role, else the first agent. */
export function setUsers(wireList: SandboxUserWire[]): SandboxUser | null {
  const list = wireList.map(normaliseUser);
  users = list;
  const stored = readStored();
  current =
    list.find((u) => u.accountId === stored) ??
    list.find((u) => u.accountType === 'atlassian' && u.roles.includes('SM')) ??
    list.find((u) => u.accountType === 'atlassian') ??
    list[0] ??
    null;
  return current;
}

export function setCurrentUser(accountId: string): SandboxUser | null {
  const user = users.find((u) => u.accountId === accountId) ?? null;
  if (user) {
    current = user;
    try {
      localStorage.setItem(STORAGE_KEY, accountId);
    } catch {
      // storage may be unavailable (private mode); the choice then lasts for this page only
    }
  }
  return user;
}

function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function authHeader(user: SandboxUser | null = current): string | null {
  return user ? `Basic ${base64Utf8(`${user.emailAddress}:${user.apiToken}`)}` : null;
}

// ---------------------------------------------------------------------------------------------
// Colour mode: Jira's light or dark theme, for the shell and for the apps' frames (context.theme, view.theme).

export type ColorMode = 'light' | 'dark';
const THEME_KEY = 'forge-sandbox.colorMode';

export function colorMode(): ColorMode {
  try {
    return localStorage.getItem(THEME_KEY) === 'dark' ? 'dark' : 'light';
  } catch {
    return 'light';
  }
}

export function setColorMode(mode: ColorMode): void {
  try {
    localStorage.setItem(THEME_KEY, mode);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.setAttribute('data-color-mode', mode);
}
