// The services' admin APIs, through the ingress (same origin), with the user's bearer token. A 401 signs the user out
// (expired, revoked or forged token); any other error becomes an ApiError with the problem's title, detail and fields
// (RFC 9457), which the pages show as they are.
import { token, signOut } from './auth.js';

export class ApiError extends Error {
  constructor(status, title, detail, errors) {
    super(detail || title);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors || [];
  }
}

let onSignedOut = () => {};

export function whenSignedOut(fn) {
  onSignedOut = fn;
}

export async function api(path, { method = 'GET', body, raw } = {}) {
  const t = token();
  if (!t) {
    onSignedOut();
    throw new ApiError(401, 'Signed out', 'sign in again');
  }
  const headers = { Authorization: 'Bearer ' + t, Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : raw ? body : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'The platform did not answer', 'check the connection and try again');
  }
  if (res.status === 401) {
    signOut('Your session is no longer valid (expired or refused): sign in again.');
    onSignedOut();
    throw new ApiError(401, 'Signed out', 'sign in again');
  }
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!res.ok) {
    const p = json || {};
    throw new ApiError(res.status, p.title || statusTitle(res.status), p.detail || (json ? '' : 'HTTP ' + res.status),
      (p.errors || []).map((e) => ({ field: e.field || e.path || e.pointer || '', message: e.message || e.detail || '' })));
  }
  return json;
}

function statusTitle(status) {
  return {
    400: 'Bad request', 403: 'Not allowed', 404: 'Not found', 409: 'Conflict', 429: 'Too many requests',
    502: 'The service is unavailable', 503: 'The service is unavailable', 504: 'The service did not answer in time',
  }[status] || `HTTP ${status}`;
}
