// <taskport-import type="accounts" templates="csv,xlsx">: template links, a file picker and an
// Import button, live progress, then rows read, imported and rejected with the error report.
// Named fields among the element's children become the import's params, as in taskport-export.
import { TERMINAL, activeTask, basePath, call, follow, problemTexts, taskUrl } from './api.js';
import { fields, readParams } from './fields.js';
import { language, text } from './messages.js';
import { Panel } from './panel.js';
import { adoptStyle, h } from './styles.js';
import { CheckView } from './check.js';

let ids = 0;

export class TaskportImport extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return this.check();
    const say = (key, vars) => text(language(this), key, vars);
    this.say = say;
    const root = this.attachShadow({ mode: 'open' });
    adoptStyle(root);
    const type = encodeURIComponent(this.type);
    const templates = (this.getAttribute('templates') || 'csv,xlsx').split(',').map((f) => f.trim()).filter(Boolean);
    const links = templates.flatMap((f, i) => [i ? ' · ' : ' ',
      h('a', { part: 'template', href: this.base + '/imports/' + type + '/template?format=' + encodeURIComponent(f), download: '' },
        say('template', { format: f.toUpperCase() }))]);
    const id = 'taskport-import-file-' + ++ids;
    this.file = h('input', { type: 'file', id, part: 'file', accept: this.getAttribute('accept') || '.csv,.xlsx,.xls' });
    this.submit = h('button', { type: 'button', class: 'button', part: 'submit', disabled: true, onclick: () => this.start() },
      this.getAttribute('label') || say('import'));
    this.cancel = h('button', { type: 'button', class: 'button danger', part: 'cancel', hidden: true, onclick: () => this.stopTask() },
      say('cancel'));
    this.counts = h('p', { class: 'result', part: 'counts', hidden: true });
    this.report = h('a', { class: 'link', part: 'error-report', hidden: true, download: '' }, say('errorReport'));
    this.busy = h('p', { class: 'hint', part: 'busy', hidden: true }, say('importBusy'));
    this.panel = new Panel(say);
    this.checkFirst = h('input', { type: 'checkbox', part: 'check-first' });
    this.checkView = new CheckView(say, (load, problems) => {
      if (load) {
        this.emit('taskport-submitted', load);
        this.track(load);
      } else {
        this.panel.messages(problems);
      }
    });
    root.append(h('div', { part: 'box' },
      h('p', { class: 'templates', part: 'templates', hidden: templates.length === 0 }, say('templates'), ...links),
      h('div', { class: 'fields', part: 'fields' }, h('label', { for: id }, say('file'), this.file), h('slot'),
        h('label', { class: 'inline' }, this.checkFirst, ' ', say('checkFirst'))),
      h('div', { class: 'actions' }, this.submit, this.cancel),
      this.busy, ...this.panel.nodes, this.counts, h('p', { class: 'result' }, this.report),
      ...this.checkView.nodes));
    this.check();
  }

  disconnectedCallback() {
    if (this.unfollow) this.unfollow();
    this.unfollow = null;
  }

  get base() { return basePath(this); }
  get type() { return this.getAttribute('type') || ''; }

  async check() {
    this.setState('checking');
    this.panel.note(this.say('checking'));
    const active = await activeTask(this.base, this.type, 'IMPORT');
    if (!this.isConnected) return;
    if (active) {
      this.busy.hidden = false;
      this.track(active);
    } else {
      this.setState('idle');
      this.panel.hide();
    }
  }

  setState(state) {
    this.dataset.state = state;
    const active = state !== 'idle';
    this.submit.disabled = active;
    this.submit.setAttribute('aria-busy', String(active));
    this.file.disabled = active;
    this.checkFirst.disabled = active;
    this.cancel.hidden = state !== 'active';
    if (state !== 'active') this.busy.hidden = true;
    for (const f of fields(this)) f.disabled = active;
  }

  async start() {
    const file = this.file.files[0];
    this.counts.hidden = true;
    this.report.hidden = true;
    this.checkView.hide();
    if (!file) {
      this.panel.hide();
      this.panel.messages([this.say('chooseFile')]);
      this.file.focus();
      return;
    }
    const form = new FormData();
    form.append('type', this.type);
    form.append('file', file);
    const params = readParams(this);
    if (Object.keys(params).length) form.append('params', JSON.stringify(params));
    this.panel.hide();
    this.setState('submitting');
    // check travels in the query string, whatever parses the multipart body
    const r = await call('POST', this.base + '/imports' + (this.checkFirst.checked ? '?check=true' : ''), form);
    if (r.status === 202 && r.data) {
      this.emit('taskport-submitted', r.data);
      this.track(r.data);
    } else {
      this.setState('idle');
      this.panel.messages(problemTexts(r, this.say));
    }
  }

  track(task) {
    this.task = task;
    this.counts.hidden = true;
    this.report.hidden = true;
    this.setState('active');
    this.update(task);
    if (this.unfollow) this.unfollow();
    this.unfollow = follow(this.base, task.id, (t) => this.update(t));
  }

  update(t) {
    if (!this.task || t.id !== this.task.id) return;
    this.task = t;
    if (!TERMINAL.includes(t.status)) {
      this.panel.show(t);
      return;
    }
    this.setState('idle');
    const c = t.result && t.result.counts;
    if (t.check && t.status === 'COMPLETED') {
      this.checked(t, c);
    } else if (t.status === 'COMPLETED' && c && c.imported === 0) {
      this.panel.hide();
      this.panel.messages([this.nothing(c)]);
    } else {
      this.panel.show(t);
    }
    if (c) {
      this.counts.textContent = this.say(t.check ? 'checkCounts' : 'counts', { ...c, valid: c.total - c.rejected });
      this.counts.hidden = false;
    }
    if (t.result && t.result.errorReport) {
      this.report.href = taskUrl(this.base, t.id, '/errors');
      this.report.hidden = false;
    }
    this.emit('taskport-finished', t);
  }

  /** A completed check: its counts (below), its preview and the Load button. */
  checked(t, c) {
    this.panel.hide();
    if (c && c.rejected > 0) this.panel.messages([this.say('checkRejected', c)]);
    this.checkView.show(this.base, t);
  }

  /** Why an import that completed loaded nothing. */
  nothing(c) {
    if (c.total === 0) return this.say('noRows');
    if (c.rejected >= c.total) return this.say('allRejected', c);
    return this.say('nothingImported', c); // good rows were there: an all-or-nothing import refused the file
  }

  async stopTask() {
    if (!this.task) return;
    const r = await call('POST', taskUrl(this.base, this.task.id, '/cancel'));
    if (!r.ok) this.panel.messages(problemTexts(r, this.say));
  }

  emit(name, task) {
    this.dispatchEvent(new CustomEvent(name, { detail: task, bubbles: true, composed: true }));
  }
}
