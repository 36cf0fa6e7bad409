// The "Check first" part of <taskport-import>: after a check completes, its counts, the preview
// of the first rows as they would be loaded, and a Load button that confirms the check (disabled,
// with the reason, when an all-or-nothing import found errors).
import { call, problemTexts, taskUrl } from './api.js';
import { h } from './styles.js';

export class CheckView {
  constructor(say, onLoad) {
    this.say = say;
    this.onLoad = onLoad;
    this.table = h('table', { part: 'preview', hidden: true });
    this.caption = h('p', { class: 'hint', part: 'preview-caption', hidden: true });
    this.load = h('button', { type: 'button', class: 'button', part: 'load', hidden: true, onclick: () => this.confirm() },
      say('load'));
    this.reason = h('p', { class: 'hint', part: 'load-reason', hidden: true });
    this.nodes = [this.caption, this.table, h('div', { class: 'actions' }, this.load), this.reason];
  }

  hide() {
    for (const n of [this.table, this.caption, this.load, this.reason]) n.hidden = true;
    this.task = null;
  }

  /** Shows a completed check: the full view (with its preview) is read once. */
  async show(base, t) {
    this.base = base;
    const r = await call('GET', taskUrl(base, t.id));
    const view = r.ok && r.data ? r.data : t;
    this.task = view;
    const c = (view.result && view.result.counts) || { total: 0, rejected: 0 };
    const p = view.preview;
    this.renderPreview(p, c);
    this.load.hidden = false;
    const refused = p && p.allOrNothing && c.rejected > 0;
    const confirmed = !!view.confirmedBy;
    this.load.disabled = refused || confirmed;
    this.reason.hidden = !(refused || confirmed);
    this.reason.textContent = confirmed ? this.say('loadDone') : refused ? this.say('loadRefused', c) : '';
    return view;
  }

  renderPreview(p, c) {
    this.table.replaceChildren();
    if (!p || !p.rows.length) {
      this.caption.textContent = this.say('previewEmpty');
      this.caption.hidden = false;
      this.table.hidden = true;
      return;
    }
    this.table.append(
      h('thead', {}, h('tr', {}, ...p.headers.map((name) => h('th', { scope: 'col' }, name)))),
      h('tbody', {}, ...p.rows.map((row) => h('tr', {}, ...row.map((v) => h('td', {}, v))))));
    this.caption.textContent = this.say(p.truncated ? 'previewFirst' : 'previewAll',
      { shown: p.rows.length, valid: c.total - c.rejected });
    this.caption.hidden = false;
    this.table.hidden = false;
  }

  async confirm() {
    if (!this.task) return;
    this.load.disabled = true;
    const r = await call('POST', taskUrl(this.base, this.task.id, '/confirm'));
    if (r.status === 202 && r.data) {
      this.hide();
      this.onLoad(r.data, null);
    } else {
      this.load.disabled = false;
      this.onLoad(null, problemTexts(r, this.say));
    }
  }
}
