// The REST and SSE calls the widgets make. Nothing else is spoken to.
export const TERMINAL = ['COMPLETED', 'FAILED', 'CANCELLED'];
const POLL_MS = 1500;

/** The API base path of a widget: its base attribute, /api by default, without a trailing slash. */
export function basePath(el) {
  return (el.getAttribute('base') || '/api').replace(/\/+$/, '');
}

export function taskUrl(base, id, suffix) {
  return base + '/tasks/' + encodeURIComponent(id) + (suffix || '');
}

function csrfToken() {
  const m = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : '';
}

/** One call; never throws. Answers { status, ok, data } where status 0 means no answer at all. */
export async function call(method, url, body) {
  const opts = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) opts.headers['X-XSRF-TOKEN'] = token;
  }
  if (body instanceof FormData) opts.body = body;
  else if (body !== undefined) {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  try {
    const res = await fetch(url, opts);
    const type = res.headers.get('Content-Type') || '';
    let data = null;
    if (type.includes('json')) {
      try { data = await res.json(); } catch (e) { data = null; }
    }
    return { status: res.status, ok: res.ok && !res.redirected, data };
  } catch (e) {
    return { status: 0, ok: false, data: null };
  }
}

/**
 * The user's active (pending or running) task of a type and kind, or null when there is none.
 * Answers undefined when the list cannot be read, so the caller can fall back.
 */
export async function activeTask(base, type, kind) {
  const r = await call('GET', base + '/tasks?status=PENDING,RUNNING&type=' + encodeURIComponent(type) + '&size=100');
  if (!r.ok || !r.data || !Array.isArray(r.data.items)) return undefined;
  return r.data.items.find((t) => t.kind === kind) || null;
}

/**
 * Follows one task until it ends: its event stream first, polling when the stream is missing or
 * breaks. Calls onUpdate(task) for every change. Answers a function that stops following.
 */
export function follow(base, id, onUpdate) {
  let stopped = false;
  let timer = null;
  let source = null;
  const seen = (t) => {
    if (stopped) return;
    onUpdate(t);
    if (TERMINAL.includes(t.status)) stop();
  };
  const poll = async () => {
    timer = null;
    if (stopped) return;
    const r = await call('GET', taskUrl(base, id));
    if (stopped) return;
    if (r.ok && r.data) seen(r.data);
    if (!stopped && r.status !== 404) timer = setTimeout(poll, POLL_MS);
  };
  function stop() {
    stopped = true;
    if (source) source.close();
    if (timer) clearTimeout(timer);
  }
  if (window.EventSource) {
    source = new EventSource(taskUrl(base, id, '/events'), { withCredentials: true });
    source.addEventListener('task', (e) => {
      try { seen(JSON.parse(e.data)); } catch (err) { /* a malformed event is skipped */ }
    });
    // a stream that fell behind ends with 'reconnect': the browser opens it again by itself,
    // with Last-Event-ID, and the server starts it with the task's current state
    let reconnecting = false;
    source.addEventListener('reconnect', () => { reconnecting = true; });
    source.onerror = () => {
      if (reconnecting && source.readyState === EventSource.CONNECTING) {
        reconnecting = false;
        return;
      }
      source.close();
      if (!stopped && !timer) poll();
    };
  } else {
    poll();
  }
  return stop;
}

/** The text of a failed call, in the user's language: field errors, the problem's detail, or a status. */
export function problemTexts(r, say) {
  if (r.status === 0) return [say('offline')];
  if (r.status === 401 || r.status === 403 || (r.status === 200 && !r.ok)) return [say('signedOut')];
  const d = r.data;
  if (d && Array.isArray(d.errors) && d.errors.length) {
    return d.errors.map((e) => (e.field ? String(e.field).replace(/^params\./, '') + ': ' : '') + e.message);
  }
  if (d && d.detail) return [d.detail];
  return [say('requestFailed', { status: r.status })];
}

/** Params remembered in this browser by task id, for an API that does not show them. */
export function rememberParams(id, params) {
  try { localStorage.setItem('taskport.params.' + id, JSON.stringify(params)); } catch (e) { /* private mode */ }
}

export function paramsOf(task) {
  if (task.params && typeof task.params === 'object') return task.params;
  if (typeof task.params === 'string') {
    try { return JSON.parse(task.params); } catch (e) { /* fall through */ }
  }
  try {
    const s = localStorage.getItem('taskport.params.' + task.id);
    return s ? JSON.parse(s) : null;
  } catch (e) {
    return null;
  }
}

export function forgetParams(id) {
  try { localStorage.removeItem('taskport.params.' + id); } catch (e) { /* private mode */ }
}
