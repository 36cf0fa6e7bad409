'use strict';
// Task center: plain JavaScript, no build step. Live progress comes from Server-Sent Events,
// with polling when EventSource is missing or the stream breaks.
(function () {
  const $ = (id) => document.getElementById(id);
  const TERMINAL = ['COMPLETED', 'FAILED', 'CANCELLED'];

  function csrf() {
    const m = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/);
    return m ? decodeURIComponent(m[1]) : '';
  }

  async function api(method, url, body) {
    const opts = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (method !== 'GET') opts.headers['X-XSRF-TOKEN'] = csrf();
    if (body instanceof FormData) opts.body = body;
    else if (body !== undefined) { opts.headers['Content-Type'] = 'application/json'; opts.body = JSON.stringify(body); }
    const res = await fetch(url, opts);
    const text = await res.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
    return { status: res.status, ok: res.ok, data, location: res.headers.get('Location') };
  }

  function problems(list, data) {
    list.replaceChildren();
    const items = data && data.errors ? data.errors.map((e) => e.field + ': ' + e.message)
      : [data && data.detail ? data.detail : 'The request failed.'];
    for (const text of items) { const li = document.createElement('li'); li.textContent = text; list.append(li); }
  }

  // Follows one task: SSE first, polling as the fallback. Calls onUpdate(task) until it ends.
  function follow(id, onUpdate) {
    let done = false, timer = null;
    const finish = (t) => { onUpdate(t); if (TERMINAL.includes(t.status)) { done = true; refreshTasks(); } };
    const poll = async () => {
      if (done) return;
      const r = await api('GET', '/api/tasks/' + encodeURIComponent(id));
      if (r.ok) finish(r.data);
      if (!done && r.status !== 404) timer = setTimeout(poll, 1000);
    };
    if (!window.EventSource) { poll(); return; }
    const es = new EventSource('/api/tasks/' + encodeURIComponent(id) + '/events');
    es.addEventListener('task', (e) => { const t = JSON.parse(e.data); finish(t); if (done) es.close(); });
    es.onerror = () => { es.close(); if (!done && !timer) poll(); };
  }

  function showProgress(prefix, t) {
    $(prefix + '-status').hidden = false;
    const bar = $(prefix + '-progress');
    const p = t.progress;
    if (p.percent === null) bar.removeAttribute('value'); else bar.value = p.percent;
    bar.dataset.status = t.status;
    const rows = p.total > 0 ? p.done + ' / ' + p.total + ' rows' : p.done + ' rows';
    $(prefix + '-text').textContent = t.status.toLowerCase() + (t.status === 'PENDING' ? '' : ' · ' + rows)
      + (t.error ? ' · ' + t.error.message : '');
  }

  // ---- export
  function setExportBusy(busy) {
    $('export-btn').disabled = busy;
    $('export-busy').hidden = !busy;
  }

  function trackExport(id) {
    setExportBusy(true);
    $('export-download').hidden = true;
    follow(id, (t) => {
      showProgress('export', t);
      if (TERMINAL.includes(t.status)) {
        setExportBusy(false);
        if (t.status === 'COMPLETED') {
          const a = $('export-download');
          a.href = '/api/tasks/' + encodeURIComponent(t.id) + '/file';
          a.textContent = 'Download ' + (t.result && t.result.fileName ? t.result.fileName : '');
          a.hidden = false;
        }
      }
    });
  }

  $('export-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('export-errors').replaceChildren();
    const params = { rows: Number($('export-rows').value) };
    if ($('export-region').value) params.region = $('export-region').value;
    if ($('export-min').value) params.minBalance = Number($('export-min').value);
    setExportBusy(true);
    const r = await api('POST', '/api/exports', { type: 'accounts', format: $('export-format').value, params });
    if (r.status === 202) { trackExport(r.data.id); refreshTasks(); }
    else if (r.status === 409 && r.data && r.data.taskId) trackExport(r.data.taskId);
    else { setExportBusy(false); problems($('export-errors'), r.data); }
  });

  // ---- import
  $('import-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('import-problems').replaceChildren();
    $('import-result').hidden = true;
    const file = $('import-file').files[0];
    if (!file) return;
    const form = new FormData();
    form.append('type', 'accounts');
    form.append('file', file);
    if ($('import-strict').checked) form.append('params', JSON.stringify({ allOrNothing: true }));
    $('import-btn').disabled = true;
    const r = await api('POST', '/api/imports', form);
    if (r.status !== 202) { $('import-btn').disabled = false; problems($('import-problems'), r.data); return; }
    refreshTasks();
    follow(r.data.id, (t) => {
      showProgress('import', t);
      if (!TERMINAL.includes(t.status)) return;
      $('import-btn').disabled = false;
      const c = t.result && t.result.counts;
      if (c) {
        $('import-total').textContent = c.total;
        $('import-imported').textContent = c.imported;
        $('import-rejected').textContent = c.rejected;
        $('import-result').hidden = false;
      }
      const a = $('import-errors');
      a.hidden = !(t.result && t.result.errorReport);
      a.href = '/api/tasks/' + encodeURIComponent(t.id) + '/errors';
    });
  });

  // ---- task table
  let next = null;

  function button(label, cls, onClick) {
    const b = document.createElement('button');
    b.type = 'button'; b.className = 'small ' + cls; b.textContent = label; b.addEventListener('click', onClick);
    return b;
  }

  function link(label, href) {
    const a = document.createElement('a');
    a.className = 'button small'; a.textContent = label; a.href = href;
    return a;
  }

  function row(t) {
    const tr = document.createElement('tr');
    tr.dataset.id = t.id;
    const cell = (text) => { const td = document.createElement('td'); td.textContent = text; tr.append(td); return td; };
    cell(new Date(t.createdAt).toLocaleString());
    cell(t.kind.toLowerCase() + ' ' + t.type);
    cell(t.format);
    const st = document.createElement('span'); st.className = 'st ' + t.status; st.textContent = t.status;
    cell('').append(st);
    cell(t.progress.percent === null ? String(t.progress.done) : t.progress.percent + '%');
    const actions = cell(''); actions.className = 'actions';
    const base = '/api/tasks/' + encodeURIComponent(t.id);
    if (t.status === 'COMPLETED' && t.result && t.result.fileName) actions.append(link('Download', base + '/file'));
    if (t.status === 'COMPLETED' && t.result && t.result.errorReport) actions.append(link('Errors', base + '/errors'));
    if (!TERMINAL.includes(t.status)) {
      actions.append(button('Cancel', 'danger', async () => { await api('POST', base + '/cancel'); refreshTasks(); }));
    } else {
      actions.append(button('Delete', 'danger', async () => { await api('DELETE', base); refreshTasks(); }));
    }
    return tr;
  }

  async function refreshTasks(more) {
    const url = '/api/tasks?size=20' + (more && next ? '&page=' + encodeURIComponent(next) : '');
    const r = await api('GET', url);
    if (!r.ok) return;
    const body = document.querySelector('#tasks-table tbody');
    if (!more) body.replaceChildren();
    r.data.items.forEach((t) => body.append(row(t)));
    next = r.data.next;
    $('tasks-more').hidden = !next;
  }

  $('tasks-refresh').addEventListener('click', () => refreshTasks());
  $('tasks-more').addEventListener('click', () => refreshTasks(true));
  $('logout').addEventListener('click', async () => { await api('POST', '/logout'); location.href = '/login?logout'; });

  async function init() {
    const me = await api('GET', '/api/me');
    if (me.ok) $('user').textContent = me.data.name;
    // A running or pending export of this user keeps the export button disabled until it ends.
    const active = await api('GET', '/api/tasks?status=RUNNING,PENDING&type=accounts&size=100');
    const running = active.ok ? active.data.items.find((t) => t.kind === 'EXPORT') : null;
    if (running) trackExport(running.id); else setExportBusy(false);
    refreshTasks();
    setInterval(() => refreshTasks(), 5000);
  }
  init();
})();
