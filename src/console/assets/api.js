// @ts-check
/* global fetch, sessionStorage, TextDecoder, URLSearchParams */
// The console's only way to the service: the public /v1 API with the key the user typed in.

/** @typedef {{ key?: string | null, signal?: AbortSignal, ifMatch?: number }} CallOptions */

const KEY = 'care-rota.apiKey';

export const session = {
  /** @returns {string | null} */
  get key() {
    return sessionStorage.getItem(KEY);
  },
  set key(value) {
    if (value) sessionStorage.setItem(KEY, value);
    else sessionStorage.removeItem(KEY);
  },
  /** @type {string | null} */
  role: null,
  /** The hubs a hub-scoped key may act on (from GET /v1/me); null for keys not narrowed to hubs. */
  /** @type {string[] | null} */
  hubs: null,
};

/** An RFC 9457 problem (or a network failure) as an Error the pages can show. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {{ type?: string, title?: string, detail?: string, errors?: { field: string, message: string }[] }} problem
   */
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

/**
 * @param {Record<string, string>} [extra]
 * @param {string | null | undefined} [key]
 * @returns {Record<string, string>}
 */
function headers(extra = {}, key = session.key) {
  return { authorization: `Bearer ${key}`, accept: 'application/json, application/problem+json', ...extra };
}

/** @param {Response} res */
async function problemOf(res) {
  try {
    return await res.json();
  } catch {
    return { title: res.statusText || `HTTP ${res.status}`, detail: '' };
  }
}

/**
 * One call; JSON in and out; throws ApiError on anything but 2xx. With `ifMatch` (the version read), a
 * write made stale by someone else's is refused (412) rather than overwriting it.
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @param {CallOptions} [options]
 * @returns {Promise<any>}
 */
export async function call(method, path, body, options = {}) {
  /** @type {Record<string, string>} */
  const extra = body === undefined ? {} : { 'content-type': 'application/json' };
  if (options.ifMatch !== undefined) extra['if-match'] = `"${options.ifMatch}"`;
  let res;
  try {
    res = await fetch(path, {
      method,
      headers: headers(extra, options.key === undefined ? session.key : options.key),
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ApiError(0, { title: 'The service did not answer', detail: message });
  }
  if (!res.ok) throw new ApiError(res.status, await problemOf(res));
  if (res.status === 204) return null;
  const type = res.headers.get('content-type') || '';
  return type.includes('json') ? res.json() : res.text();
}

export const api = {
  /** @param {string} path @param {CallOptions} [options] */
  get: (path, options) => call('GET', path, undefined, options),
  /** @param {string} path @param {unknown} [body] @param {CallOptions} [options] */
  post: (path, body = {}, options) => call('POST', path, body, options),
  /** @param {string} path @param {unknown} body @param {CallOptions} [options] */
  put: (path, body, options) => call('PUT', path, body, options),
  /** @param {string} path @param {unknown} body @param {CallOptions} [options] */
  patch: (path, body, options) => call('PATCH', path, body, options),
  /** @param {string} path @param {CallOptions} [options] */
  del: (path, options) => call('DELETE', path, undefined, options),
};

/**
 * A query string from an object, leaving out empty values.
 * @param {Record<string, string | number | boolean | null | undefined>} params
 */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * Every page of a list endpoint (`{items, total}`), 500 at a time.
 * @param {string} path
 * @param {Record<string, string | number | boolean | null | undefined>} [params]
 * @param {CallOptions} [options]
 * @returns {Promise<any[]>}
 */
export async function getAll(path, params = {}, options) {
  /** @type {any[]} */
  const items = [];
  for (let offset = 0; ; offset += 500) {
    const page = await api.get(path + query({ ...params, limit: 500, offset }), options);
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) return items;
  }
}

/**
 * A file the API serves (CSV, HTML, calendar), fetched with the key.
 * @param {string} path
 */
export async function download(path) {
  const res = await fetch(path, { headers: headers({ accept: '*/*' }) });
  if (!res.ok) throw new ApiError(res.status, await problemOf(res));
  return res.blob();
}

/**
 * Server-sent events read with fetch (EventSource cannot send the Authorization header). Calls
 * onEvent(name, data) for each event until the stream ends or the signal aborts.
 * @param {string} path
 * @param {(name: string, data: any) => void} onEvent
 * @param {AbortSignal} [signal]
 */
export async function streamEvents(path, onEvent, signal) {
  const res = await fetch(path, { headers: headers({ accept: 'text/event-stream' }), signal });
  if (!res.ok || !res.body) throw new ApiError(res.status, await problemOf(res));
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
      /** @type {string[]} */
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length === 0) continue;
      const text = data.join('\n');
      /** @type {unknown} */
      let parsed = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: hand over the text
      }
      onEvent(name, parsed);
    }
  }
}
