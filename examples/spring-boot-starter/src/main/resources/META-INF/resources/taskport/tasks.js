// <taskport-tasks>: the signed-in user's tasks, newest first, with download, error report,
// cancel and delete. Live from the user's event stream ({base}/tasks/events: a snapshot, then a
// task event per change) when the server has one; otherwise it reloads every few seconds while a
// task is active. It also reloads whenever another widget on the page submits or finishes a task.
import { TERMINAL, basePath, call, problemTexts, taskUrl } from './api.js';
import { language, text } from './messages.js';
import { adoptStyle, h } from './styles.js';

const POLL_MS = 3000;

export class TaskportTasks extends HTMLElement {
  connectedCallback() {
    const say = (key, vars) => text(language(this), key, vars);
    this.say = say;
    if (!this.shadowRoot) {
      const root = this.attachShadow({ mode: 'open' });
      adoptStyle(root);
      const title = this.getAttribute('heading') || say('tasks');
      this.refreshButton = h('button', { type: 'button', class: 'button secondary small', part: 'refresh', onclick: () => this.load() }, say('refresh'));
      this.body = h('tbody');
      this.empty = h('p', { class: 'hint', part: 'empty', hidden: true }, say('none'));
      this.more = h('button', { type: 'button', class: 'button secondary small', part: 'more', hidden: true, onclick: () => this.load(true) }, say('more'));
      this.errors = h('ul', { class: 'errors', part: 'errors', role: 'alert' });
      const heading = h('h2', { id: 'taskport-tasks-title' }, title);
      this.table = h('table', { part: 'table', 'aria-labelledby': 'taskport-tasks-title' },
        h('thead', null, h('tr', null, ...['created', 'task', 'format', 'status', 'progress', 'details', 'actions']
          .map((k) => h('th', { scope: 'col' }, say(k))))),
        this.body);
      root.append(h('div', { part: 'box' },
        h('div', { class: 'head' }, heading, this.refreshButton), this.table, this.empty, this.more, this.errors));
    }
    this.onOther = () => this.load();
    document.addEventListener('taskport-submitted', this.onOther);
    document.addEventListener('taskport-finished', this.onOther);
    this.shown = 0;
    this.load().then(() => this.listen());
  }

  disconnectedCallback() {
    document.removeEventListener('taskport-submitted', this.onOther);
    document.removeEventListener('taskport-finished', this.onOther);
    if (this.source) this.source.close();
    this.source = null;
    clearTimeout(this.timer);
    clearTimeout(this.retry);
    clearTimeout(this.soon);
  }

  get base() { return basePath(this); }

  query(more) {
    const size = Number(this.getAttribute('size')) || 20;
    const q = new URLSearchParams();
    for (const k of ['type', 'kind', 'status']) if (this.getAttribute(k)) q.set(k, this.getAttribute(k));
    // a reload keeps the rows already shown (up to the API's 100)
    q.set('size', String(more ? size : Math.min(100, Math.max(size, this.shown))));
    if (more && this.next) q.set('page', this.next);
    return this.base + '/tasks?' + q;
  }

  async load(more) {
    const r = await call('GET', this.query(more));
    if (!this.isConnected) return;
    if (!r.ok || !r.data) {
      this.errors.replaceChildren(...problemTexts(r, this.say).map((m) => h('li', null, m)));
      return;
    }
    this.errors.replaceChildren();
    // rows whose task did not change stay as they are, so focus and screen readers keep their place
    const shown = new Map(Array.from(this.body.children).map((tr) => [tr.dataset.id, tr]));
    const rows = r.data.items.map((t) => {
      const same = shown.get(t.id);
      return same && same.json === JSON.stringify(t) ? same : this.row(t);
    });
    const current = Array.from(this.body.children);
    if (more) this.body.append(...rows);
    else if (rows.length !== current.length || rows.some((tr, i) => tr !== current[i])) this.body.replaceChildren(...rows);
    this.shown = this.body.children.length;
    this.next = r.data.next;
    this.more.hidden = !this.next;
    this.empty.hidden = this.shown > 0;
    this.table.hidden = this.shown === 0;
    this.schedule();
  }

  /** Polls while a shown task is active, unless the event stream keeps the list live. */
  schedule() {
    clearTimeout(this.timer);
    if (this.streaming) return;
    const active = Array.from(this.body.children).some((tr) => !TERMINAL.includes(tr.dataset.status));
    if (active) this.timer = setTimeout(() => this.load(), POLL_MS);
  }

  /** The user's event stream: a changed task replaces its row, a new one reloads the list. */
  listen() {
    if (!window.EventSource || !this.isConnected || this.source) return;
    const es = new EventSource(this.base + '/tasks/events', { withCredentials: true });
    this.source = es;
    const onTask = (e) => {
      let t;
      try { t = JSON.parse(e.data); } catch (err) { return; }
      if (!t || !t.id) return;
      this.live('stream');
      const old = this.body.querySelector('tr[data-id="' + CSS.escape(t.id) + '"]');
      const wanted = this.getAttribute('status');
      if (!old || (wanted && !wanted.toUpperCase().split(',').map((v) => v.trim()).includes(t.status))) {
        if (old || this.fits(t)) this.reloadSoon(); // a row that left the status filter goes on reload
        return;
      }
      const focused = this.shadowRoot.activeElement && old.contains(this.shadowRoot.activeElement)
        ? this.shadowRoot.activeElement.getAttribute('part') : null;
      const row = this.row(t);
      old.replaceWith(row);
      if (focused) {
        const again = row.querySelector('[part="' + focused + '"]');
        if (again) again.focus();
      }
    };
    es.addEventListener('task', onTask);
    // the stream opens (and reopens after a gap) with a snapshot: the list reads its own page again
    es.addEventListener('snapshot', () => {
      this.live('stream');
      this.reloadSoon();
    });
    // a stream that fell behind ends with 'reconnect': the browser opens it again by itself,
    // with Last-Event-ID, and gets the events it missed (or a snapshot)
    let reconnecting = false;
    es.addEventListener('reconnect', () => { reconnecting = true; });
    es.onerror = () => {
      if (reconnecting && es.readyState === EventSource.CONNECTING) {
        reconnecting = false;
        return;
      }
      // no stream here (404, older server) or it broke: poll instead, and try again later
      es.close();
      this.source = null;
      this.live('poll');
      if (this.isConnected) this.retry = setTimeout(() => this.listen(), 30000);
    };
  }

  /** Whether a task the list does not show belongs on its first page. */
  fits(t) {
    for (const k of ['type', 'kind']) {
      const want = this.getAttribute(k);
      if (want && !want.split(',').map((v) => v.trim().toUpperCase()).includes(String(t[k]).toUpperCase())) return false;
    }
    const last = this.body.lastElementChild;
    return !last || this.shown < (Number(this.getAttribute('size')) || 20) || new Date(t.createdAt) > new Date(last.dataset.created);
  }

  /** One reload for a burst of new tasks (the stream's first events are a snapshot of them all). */
  reloadSoon() {
    if (this.soon) return;
    this.soon = setTimeout(() => { this.soon = null; this.load(); }, 250);
  }

  /** How the list keeps up: 'stream' (the user's event stream) or 'poll'; also data-live. */
  live(how) {
    this.streaming = how === 'stream';
    this.dataset.live = how;
    if (this.streaming) clearTimeout(this.timer);
    else this.schedule();
  }

  row(t) {
    const say = this.say;
    const tr = h('tr', { 'data-id': t.id, 'data-status': t.status, 'data-created': t.createdAt, part: 'row' });
    tr.json = JSON.stringify(t);
    const cell = (...content) => { const td = h('td', null, ...content); tr.append(td); return td; };
    cell(new Date(t.createdAt).toLocaleString(language(this)));
    cell(say(t.kind) + ' · ' + t.type);
    cell((t.format || '').toUpperCase());
    cell(h('span', { class: 'st ' + t.status, part: 'status' }, say(t.status)));
    const p = t.progress || {};
    let progress = p.percent === null || p.percent === undefined ? say('rowsDone', { done: p.done || 0 }) : p.percent + '%';
    if (t.status === 'COMPLETED') progress = '100%';
    else if (TERMINAL.includes(t.status)) progress = '–';
    cell(progress);
    const details = cell(this.details(t));
    details.className = 'details';
    const actions = h('div', { class: 'actions' });
    cell(actions);
    const base = taskUrl(this.base, t.id);
    const r = t.result || {};
    if (t.status === 'COMPLETED' && r.fileName && !t.check) {
      actions.append(h('a', { class: 'button small', part: 'download', href: base + '/file', download: '' }, say('download', { name: '' }).trim()));
    }
    if (r.errorReport) {
      actions.append(h('a', { class: 'button small secondary', part: 'error-report', href: base + '/errors', download: '' }, say('errors')));
    }
    if (!TERMINAL.includes(t.status)) {
      actions.append(this.action(say('cancel'), 'cancel', () => call('POST', base + '/cancel')));
    } else {
      actions.append(this.action(say('delete'), 'delete', () => call('DELETE', base)));
    }
    return tr;
  }

  details(t) {
    if (t.status === 'FAILED') return this.say('failed', { reason: t.error ? t.error.message : '' });
    const c = t.result && t.result.counts;
    if (c && t.check) {
      const checked = this.say('checkCounts', { ...c, valid: c.total - c.rejected });
      return t.confirmedBy ? checked + ' · ' + this.say('loadDone') : checked;
    }
    if (c) return this.say('counts', c);
    return '';
  }

  action(label, part, run) {
    return h('button', { type: 'button', class: 'button small danger', part, onclick: async (e) => {
      e.currentTarget.disabled = true;
      const r = await run();
      if (!r.ok) this.errors.replaceChildren(...problemTexts(r, this.say).map((m) => h('li', null, m)));
      this.load();
    } }, label);
  }
}
