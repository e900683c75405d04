// Sign-in: OpenID Connect authorization code with PKCE (S256), a public client. The access token is the bearer the
// services' admin APIs verify; it lives in this tab's sessionStorage only, and is dropped when it expires or an API
// refuses it (401), which sends the user back to the sign-in screen.

const TOKEN = 'console.token';
const PENDING = 'console.signin';
const NOTICE = 'console.notice';

let config = null;

export async function loadConfig() {
  const res = await fetch('api/config', { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`the console's configuration is unavailable (HTTP ${res.status})`);
  config = await res.json();
  return config;
}

export function settings() {
  return config;
}

function b64url(bytes) {
  let s = '';
  bytes.forEach((b) => { s += String.fromCharCode(b); });
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(n) {
  const a = new Uint8Array(n);
  crypto.getRandomValues(a);
  return b64url(a);
}

async function endpoints() {
  if (config.authorizationEndpoint && config.tokenEndpoint) {
    return { authorization: config.authorizationEndpoint, token: config.tokenEndpoint };
  }
  const res = await fetch(config.issuer.replace(/\/$/, '') + '/.well-known/openid-configuration');
  if (!res.ok) throw new Error(`the identity provider's discovery document is unavailable (HTTP ${res.status})`);
  const d = await res.json();
  return { authorization: d.authorization_endpoint, token: d.token_endpoint };
}

function redirectUri() {
  return location.origin + location.pathname.replace(/[^/]*$/, '');
}

/** Sends the browser to the identity provider; back at redirectUri() with ?code&state. */
export async function signIn() {
  const ep = await endpoints();
  const verifier = randomString(48);
  const state = randomString(16);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, token: ep.token, back: location.hash || '#/overview' }));
  const q = new URLSearchParams({
    response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri(), scope: config.scope,
    state, code_challenge: b64url(digest), code_challenge_method: 'S256',
  });
  location.assign(ep.authorization + (ep.authorization.includes('?') ? '&' : '?') + q);
}

/** After the identity provider's redirect: trades the code for the token. Returns the hash to show, or null. */
export async function completeSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', location.pathname);
  if (params.has('error')) throw new Error(`sign-in refused: ${params.get('error_description') || params.get('error')}`);
  if (!pending || pending.state !== params.get('state')) throw new Error('sign-in answer does not match this tab (state); sign in again');
  const res = await fetch(pending.token, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
      client_id: config.clientId, code_verifier: pending.verifier,
    }),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok || !body.access_token) throw new Error(`sign-in failed: ${body.error_description || body.error || 'HTTP ' + res.status}`);
  sessionStorage.setItem(TOKEN, body.access_token);
  return pending.back;
}

export function token() {
  const t = sessionStorage.getItem(TOKEN);
  if (!t) return null;
  const c = claimsOf(t);
  if (!c || (c.exp && c.exp * 1000 < Date.now())) {
    signOut('Your session expired: sign in again.');
    return null;
  }
  return t;
}

function claimsOf(t) {
  try {
    const part = t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  } catch (e) {
    return null;
  }
}

/** Who is signed in, from the token (display only: the APIs decide what the token may do). */
export function user() {
  const t = token();
  if (!t) return null;
  const c = claimsOf(t);
  const groups = c.groups || [];
  return {
    name: c.upn || c.preferred_username || c.sub,
    operator: groups.includes('operator'),
    partner: groups.includes('partner'),
    providerId: c.provider_id || null,
  };
}

export function signOut(notice) {
  sessionStorage.removeItem(TOKEN);
  if (notice) sessionStorage.setItem(NOTICE, notice);
}

export function takeNotice() {
  const n = sessionStorage.getItem(NOTICE);
  sessionStorage.removeItem(NOTICE);
  return n;
}
