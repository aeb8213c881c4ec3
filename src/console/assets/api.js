/* global fetch, sessionStorage, TextDecoder, URLSearchParams */
// The console's only way to the service: the public /v1 API with the key the user typed in.

const KEY = 'care-rota.apiKey';

export const session = {
  get key() {
    return sessionStorage.getItem(KEY);
  },
  set key(value) {
    if (value) sessionStorage.setItem(KEY, value);
    else sessionStorage.removeItem(KEY);
  },
  role: null,
  /** A hub manager's hubs (from GET /v1/me); null for roles not narrowed to hubs. */
  hubs: null,
};

/** An RFC 9457 problem (or a network failure) as an Error the pages can show. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.type = problem.type || '';
    this.title = problem.title || `HTTP ${status}`;
    this.detail = problem.detail || '';
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.problem = problem;
  }
}

function headers(extra = {}, key = session.key) {
  return { authorization: `Bearer ${key}`, accept: 'application/json, application/problem+json', ...extra };
}

async function problemOf(res) {
  try {
    return await res.json();
  } catch {
    return { title: res.statusText || `HTTP ${res.status}`, detail: '' };
  }
}

/** One call; JSON in and out; throws ApiError on anything but 2xx. */
export async function call(method, path, body, options = {}) {
  let res;
  try {
    res = await fetch(path, {
      method,
      headers: headers(body === undefined ? {} : { 'content-type': 'application/json' }, options.key),
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (error) {
    if (error && error.name === 'AbortError') throw error;
    throw new ApiError(0, { title: 'The service did not answer', detail: String(error && error.message) });
  }
  if (!res.ok) throw new ApiError(res.status, await problemOf(res));
  if (res.status === 204) return null;
  const type = res.headers.get('content-type') || '';
  return type.includes('json') ? res.json() : res.text();
}

export const api = {
  get: (path, options) => call('GET', path, undefined, options),
  post: (path, body = {}, options) => call('POST', path, body, options),
  put: (path, body, options) => call('PUT', path, body, options),
  patch: (path, body, options) => call('PATCH', path, body, options),
  del: (path, options) => call('DELETE', path, undefined, options),
};

/** A query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Every page of a list endpoint (`{items, total}`), 500 at a time. */
export async function getAll(path, params = {}, options) {
  const items = [];
  for (let offset = 0; ; offset += 500) {
    const page = await api.get(path + query({ ...params, limit: 500, offset }), options);
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) return items;
  }
}

/** A file the API serves (CSV, HTML, calendar), fetched with the key. */
export async function download(path) {
  const res = await fetch(path, { headers: headers({ accept: '*/*' }) });
  if (!res.ok) throw new ApiError(res.status, await problemOf(res));
  return res.blob();
}

/**
 * Server-sent events read with fetch (EventSource cannot send the Authorization header). Calls
 * onEvent(name, data) for each event until the stream ends or the signal aborts.
 */
export async function streamEvents(path, onEvent, signal) {
  const res = await fetch(path, { headers: headers({ accept: 'text/event-stream' }), signal });
  if (!res.ok) throw new ApiError(res.status, await problemOf(res));
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length === 0) continue;
      let parsed = data.join('\n');
      try {
        parsed = JSON.parse(parsed);
      } catch {
        // not JSON: hand over the text
      }
      onEvent(name, parsed);
    }
  }
}
