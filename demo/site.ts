// Relative imports of the sources, so the type check works before any build; an app imports
// 'totp-elements/define.js', 'totp-elements' and 'totp-elements/adapters/http.js'.
import '../src/define.js';
import { setDefaultAdapter } from '../src/index.js';
import { createHttpAdapter } from '../src/adapters/http-adapter.js';

/*
 * Shared by the pages of the demo application: the elements talk to the demo server's
 * /api/2fa routes through the HTTP adapter, and the pages' own JSON calls follow the same CSRF
 * rules (POST, JSON, a custom header; the server checks Origin).
 */

setDefaultAdapter(createHttpAdapter({ baseUrl: '/api/2fa' }));

/** Answer of one of the app's JSON endpoints. */
export interface JsonAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** Calls one of the app's own endpoints (/api/session, /api/me…). */
export async function callApi(path: string, body?: object): Promise<JsonAnswer> {
  const response = await fetch(path, {
    method: body ? 'POST' : 'GET',
    headers: {
      Accept: 'application/json',
      'X-Demo-CSRF': '1',
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
    credentials: 'same-origin',
    cache: 'no-store',
    redirect: 'error',
  });
  let parsed: unknown = {};
  try {
    parsed = await response.json();
  } catch {
    // Not JSON: treated as an empty answer.
  }
  const record =
    typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  return { status: response.status, body: record };
}

/** `target` when it is a path on this origin, else `fallback` (never an open redirect). */
export function sameOriginPath(target: unknown, fallback: string): string {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) {
    return fallback;
  }
  const url = new URL(target, location.origin);
  return url.origin === location.origin ? url.pathname + url.search : fallback;
}

/** Marks the link of the current page in the site navigation. */
for (const link of document.querySelectorAll<HTMLAnchorElement>('.site-nav a')) {
  if (link.pathname === location.pathname) link.setAttribute('aria-current', 'page');
}
