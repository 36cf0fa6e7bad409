// <taskport-export type="accounts" formats="csv,xlsx">: a form, an Export button that turns into
// the download, and live progress. Form fields are the element's own children with a name; their
// values are the export's params (numbers from number inputs, booleans from checkboxes).
import { TERMINAL, activeTask, basePath, call, follow, forgetParams, paramsOf, problemTexts, rememberParams, taskUrl } from './api.js';
import { language, text } from './messages.js';
import { Panel } from './panel.js';
import { ColumnPicker } from './columns.js';
import { adoptStyle, h } from './styles.js';
import { fields, fill, readParams } from './fields.js';

export class TaskportExport extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return this.check();
    const say = (key, vars) => text(language(this), key, vars);
    this.say = say;
    const root = this.attachShadow({ mode: 'open' });
    adoptStyle(root);
    const formats = (this.getAttribute('formats') || 'csv').split(',').map((f) => f.trim()).filter(Boolean);
    this.format = h('select', { part: 'format' },
      ...formats.map((f) => h('option', { value: f }, f.toUpperCase())));
    if (this.getAttribute('format')) this.format.value = this.getAttribute('format');
    const formatLabel = h('label', { part: 'format-label', hidden: formats.length < 2 }, say('format'), this.format);
    this.submit = h('button', { type: 'button', class: 'button', part: 'submit', disabled: true, onclick: () => this.start() },
      this.getAttribute('label') || say('export'));
    this.download = h('a', { class: 'button', part: 'download', hidden: true, download: '' });
    this.again = h('button', { type: 'button', class: 'button secondary', part: 'again', hidden: true, onclick: () => this.reset() },
      say('exportAgain'));
    this.cancel = h('button', { type: 'button', class: 'button danger', part: 'cancel', hidden: true, onclick: () => this.stopTask() },
      say('cancel'));
    this.busy = h('p', { class: 'hint', part: 'busy', hidden: true }, say('busy'));
    this.panel = new Panel(say);
    // columns-picker: the user picks and orders the columns, from those offered for the params
    this.picker = this.hasAttribute('columns-picker') ? new ColumnPicker(say) : null;
    root.append(h('div', { part: 'box' },
      h('div', { class: 'fields', part: 'fields' }, h('slot'), formatLabel),
      this.picker && this.picker.node,
      h('div', { class: 'actions' }, this.submit, this.download, this.again, this.cancel),
      this.busy, ...this.panel.nodes));
    // Enter in a field starts the export, as it would in a form
    this.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && e.target !== this && e.target.tagName === 'INPUT' && !this.submit.disabled && !this.submit.hidden) {
        e.preventDefault();
        this.start();
      }
    });
    // a changed field may change the columns offered (one per month of a range, say)
    this.addEventListener('change', (e) => {
      if (this.picker && e.target !== this && this.state === 'idle') this.loadColumns();
    });
    this.check();
  }

  loadColumns(keys) {
    const params = Object.assign(this.fixedParams(), readParams(this));
    return this.picker.load(this.base, this.type, params).then((ok) => { if (ok && keys) this.picker.show(keys); });
  }

  disconnectedCallback() {
    if (this.unfollow) this.unfollow();
    this.unfollow = null;
  }

  get base() { return basePath(this); }
  get type() { return this.getAttribute('type') || ''; }

  /** Disabled until the user's active export of this type is known; follows it if there is one. */
  async check() {
    this.setState('checking');
    this.panel.note(this.say('checking'));
    const active = await activeTask(this.base, this.type, 'EXPORT');
    if (!this.isConnected) return;
    if (active) this.track(active);
    else this.reset(); // none, or the list cannot be read: the server still refuses a twin (409)
  }

  setState(state) {
    this.state = state;
    this.dataset.state = state;
    const active = state === 'active' || state === 'checking' || state === 'submitting';
    this.submit.hidden = state === 'done';
    this.submit.disabled = active;
    this.submit.setAttribute('aria-busy', String(active));
    this.again.hidden = state !== 'done';
    this.download.hidden = state !== 'done';
    this.cancel.hidden = state !== 'active';
    this.busy.hidden = !(state === 'active' && this.resumed);
    for (const f of fields(this)) f.disabled = active;
    this.format.disabled = active;
    if (this.picker) this.picker.setDisabled(active);
  }

  reset() {
    this.resumed = false;
    this.task = null;
    this.setState('idle');
    this.panel.hide();
    if (this.picker) this.loadColumns();
  }

  async start() {
    if (this.submit.disabled) return;
    const params = Object.assign(this.fixedParams(), readParams(this));
    const columns = this.picker ? this.picker.chosen() : [];
    if (columns === null) {
      this.panel.messages([this.say('columnsNone')]);
      return;
    }
    this.panel.hide();
    this.setState('submitting');
    const r = await call('POST', this.base + '/exports', { type: this.type, format: this.format.value, params, columns });
    if (r.status === 202 && r.data) {
      rememberParams(r.data.id, params);
      this.emit('taskport-submitted', r.data);
      this.track(r.data);
    } else if (r.status === 409 && r.data && r.data.taskId) {
      const t = await call('GET', taskUrl(this.base, r.data.taskId));
      if (t.ok) this.track(t.data); else this.reset();
    } else {
      this.setState('idle');
      this.panel.messages(problemTexts(r, this.say));
    }
  }

  fixedParams() {
    try { return JSON.parse(this.getAttribute('params') || '{}'); } catch (e) { return {}; }
  }

  /** Follows a task: the form shows its params and stays disabled until it ends. */
  track(task) {
    this.task = task;
    this.resumed = this.state === 'checking';
    const params = paramsOf(task);
    if (params) fill(this, params);
    // params come with the task; a server that does not send them leaves the form as it is
    this.busy.textContent = this.say(params ? 'busy' : 'busyElsewhere');
    if (task.format) this.format.value = task.format;
    if (this.picker) this.loadColumns(task.columns || []);
    this.setState('active');
    this.update(task);
    if (this.unfollow) this.unfollow();
    this.unfollow = follow(this.base, task.id, (t) => this.update(t));
  }

  update(t) {
    if (!this.task || t.id !== this.task.id) return;
    this.task = t;
    this.panel.show(t);
    if (!TERMINAL.includes(t.status)) return;
    forgetParams(t.id);
    this.resumed = false;
    if (t.status === 'COMPLETED') {
      const name = t.result && t.result.fileName ? t.result.fileName : '';
      this.download.href = taskUrl(this.base, t.id, '/file');
      this.download.textContent = this.say('download', { name });
      this.setState('done');
    } else {
      this.setState('idle');
    }
    this.emit('taskport-finished', t);
  }

  async stopTask() {
    if (!this.task) return;
    this.cancel.disabled = true;
    const r = await call('POST', taskUrl(this.base, this.task.id, '/cancel'));
    this.cancel.disabled = false;
    if (!r.ok) this.panel.messages(problemTexts(r, this.say));
  }

  emit(name, task) {
    this.dispatchEvent(new CustomEvent(name, { detail: task, bubbles: true, composed: true }));
  }
}
