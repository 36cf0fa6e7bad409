'use strict';
// Taskport operator dashboard: plain JavaScript, no build step, no inline handlers. Speaks only
// the dashboard's JSON API, whose base comes from settings.json next to this file.
(function () {
  const $ = (id) => document.getElementById(id);
  const STATUSES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'];
  let base = null;
  let next = null;
  let expanded = false; // more pages shown: the periodic refresh leaves the list alone

  function csrf() {
    const m = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/);
    return m ? decodeURIComponent(m[1]) : '';
  }

  async function api(method, path) {
    const opts = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (method !== 'GET') opts.headers['X-XSRF-TOKEN'] = csrf();
    const res = await fetch(base + path, opts);
    const text = await res.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
    return { ok: res.ok, status: res.status, data };
  }

  function say(text, ok) {
    const m = $('message');
    m.textContent = text;
    m.className = ok ? 'message ok' : 'message';
    m.hidden = !text;
  }

  function failed(r) {
    const d = r.data;
    const detail = d && d.errors ? d.errors.map((e) => e.field + ': ' + e.message).join('; ')
      : d && d.detail ? d.detail : 'The request failed (' + r.status + ').';
    say(detail, false);
  }

  function cell(row, text, cls) {
    const td = document.createElement('td');
    td.textContent = text == null ? '' : String(text);
    if (cls) td.className = cls;
    row.append(td);
    return td;
  }

  function button(label, cls, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'small ' + cls;
    b.textContent = label;
    b.addEventListener('click', onClick);
    return b;
  }

  function time(iso) {
    return iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') : '';
  }

  function duration(ms) {
    if (ms == null) return '–';
    if (ms < 1000) return ms + ' ms';
    if (ms < 120000) return (ms / 1000).toFixed(1) + ' s';
    return (ms / 60000).toFixed(1) + ' min';
  }

  function progress(p) {
    if (p.percent != null) return p.percent + ' %';
    return p.done > 0 ? p.done + ' rows' : '';
  }

  async function refreshSummary() {
    const r = await api('GET', '/summary?window=PT1H');
    if (!r.ok) { failed(r); return; }
    const byType = {};
    for (const c of r.data.counts) (byType[c.type] = byType[c.type] || {})[c.status] = c.count;
    const body = $('counts').tBodies[0];
    body.replaceChildren();
    for (const type of Object.keys(byType).sort()) {
      const row = document.createElement('tr');
      row.dataset.type = type;
      cell(row, type);
      for (const s of STATUSES) cell(row, byType[type][s] || 0, 'num').dataset.status = s;
      const limit = r.data.rules['clusterTypeLimit.' + type];
      cell(row, limit || '–', 'num').dataset.limit = type;
      body.append(row);
    }
    const owners = $('owners').tBodies[0];
    owners.replaceChildren();
    for (const o of r.data.owners) {
      const row = document.createElement('tr');
      row.dataset.owner = o.owner;
      cell(row, o.owner);
      cell(row, o.pending, 'num');
      cell(row, o.running, 'num');
      owners.append(row);
    }
    const rules = $('rules');
    rules.replaceChildren();
    for (const name of Object.keys(r.data.rules).sort()) {
      const dt = document.createElement('dt');
      dt.textContent = name;
      const dd = document.createElement('dd');
      dd.textContent = r.data.rules[name];
      dd.dataset.rule = name;
      rules.append(dt, dd);
    }
    const s = r.data.stats;
    $('stat-waiting').textContent = s.waiting;
    $('stat-average').textContent = duration(s.averageWaitMs);
    $('stat-longest').textContent = duration(s.longestWaitMs);
    $('stat-finished').textContent = s.completed + ' / ' + s.failed;
    $('stat-throughput').textContent = s.finishedPerMinute.toFixed(2) + ' per minute';
  }

  function filters() {
    const q = new URLSearchParams();
    for (const name of ['owner', 'status', 'type', 'kind']) {
      const v = $('f-' + name).value.trim();
      if (v) q.set(name, v);
    }
    for (const name of ['from', 'to']) {
      const v = $('f-' + name).value;
      if (v) q.set(name, (v.length === 16 ? v + ':00' : v) + 'Z');
    }
    return q;
  }

  async function loadTasks(more) {
    const q = filters();
    if (more && next) q.set('page', next);
    expanded = more;
    const r = await api('GET', '/tasks?' + q);
    if (!r.ok) { failed(r); return; }
    const body = $('tasks').tBodies[0];
    if (!more) body.replaceChildren();
    for (const t of r.data.items) body.append(taskRow(t));
    next = r.data.next;
    $('more').hidden = !next;
  }

  function taskRow(t) {
    const row = document.createElement('tr');
    row.dataset.id = t.id;
    row.dataset.status = t.status;
    cell(row, time(t.createdAt));
    cell(row, t.owner);
    cell(row, t.type);
    cell(row, t.kind);
    const st = cell(row, '');
    const badge = document.createElement('span');
    badge.className = 'st ' + t.status;
    badge.textContent = t.status;
    st.append(badge);
    cell(row, t.attempt + ' of ' + t.maxAttempts, 'num');
    cell(row, progress(t.progress), 'num');
    cell(row, t.error ? t.error.code + ': ' + t.error.message : '', 'error');
    const actions = cell(row, '', 'actions');
    actions.append(button('Details', 'plain', () => showDetail(t.id)));
    if (t.status === 'FAILED') actions.append(button('Retry', 'retry', () => act('POST', t.id, '/retry', 'Retried')));
    if (t.status === 'PENDING' || t.status === 'RUNNING') {
      actions.append(button('Cancel', 'danger', () => act('POST', t.id, '/cancel', 'Cancel sent')));
    }
    if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(t.status)) {
      actions.append(button('Delete', 'danger', () => {
        if (window.confirm('Delete task ' + t.id + ' and its files?')) act('DELETE', t.id, '', 'Deleted');
      }));
    }
    return row;
  }

  async function act(method, id, suffix, done) {
    const r = await api(method, '/tasks/' + encodeURIComponent(id) + suffix);
    if (!r.ok) { failed(r); return; }
    say(done + ': task ' + id, true);
    await Promise.all([loadTasks(false), refreshSummary()]);
  }

  async function showDetail(id) {
    const r = await api('GET', '/tasks/' + encodeURIComponent(id));
    if (!r.ok) { failed(r); return; }
    const t = r.data;
    $('detail-id').textContent = t.id;
    const dl = $('detail-fields');
    dl.replaceChildren();
    const add = (name, value) => {
      const dt = document.createElement('dt');
      dt.textContent = name;
      const dd = document.createElement('dd');
      dd.textContent = value == null || value === '' ? '–' : String(value);
      dl.append(dt, dd);
    };
    add('Owner', t.owner);
    add('Type / kind / format', t.type + ' / ' + t.kind + ' / ' + t.format);
    add('Status', t.status + (t.cancelRequested ? ' (cancel requested)' : ''));
    add('Attempts', t.attempt + ' of ' + t.maxAttempts);
    add('Worker', t.workerId);
    add('Lease until', time(t.leaseUntil));
    add('Progress', t.progress.done + (t.progress.total >= 0 ? ' of ' + t.progress.total : '')
      + (t.progress.message ? ' – ' + t.progress.message : ''));
    add('Last error', t.error ? t.error.code + ': ' + t.error.message : null);
    add('Created', time(t.createdAt));
    add('Started', time(t.startedAt));
    add('Finished', time(t.finishedAt));
    add('Due', time(t.dueAt));
    add('Expires', time(t.expiresAt));
    $('detail').hidden = false;
  }

  async function purge() {
    const r = await api('POST', '/purge');
    if (!r.ok) { failed(r); return; }
    $('purge-result').textContent = r.data.purged + ' purged';
    await Promise.all([loadTasks(false), refreshSummary()]);
  }

  async function start() {
    const res = await fetch('settings.json', { credentials: 'same-origin' });
    if (!res.ok) { say('The dashboard is not available to you (' + res.status + ').', false); return; }
    base = (await res.json()).api;
    $('filters').addEventListener('submit', (e) => { e.preventDefault(); say('', true); loadTasks(false); });
    $('more').addEventListener('click', () => loadTasks(true));
    $('purge').addEventListener('click', purge);
    $('detail-close').addEventListener('click', () => { $('detail').hidden = true; });
    await Promise.all([loadTasks(false), refreshSummary()]);
    setInterval(() => {
      refreshSummary();
      if (!expanded) loadTasks(false);
    }, 5000);
  }

  start();
})();
