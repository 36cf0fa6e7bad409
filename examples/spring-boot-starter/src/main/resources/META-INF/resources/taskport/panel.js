// The progress and message area that the export and import widgets share.
import { h } from './styles.js';

export class Panel {
  constructor(say) {
    this.say = say;
    this.bar = h('progress', { part: 'progress', max: '100', 'aria-label': say('progress') });
    this.line = h('span', { part: 'progress-text' });
    // aria-live on the text, not the bar, so screen readers hear "1000 / 20000 rows" once per change
    this.status = h('div', { class: 'status', part: 'status', hidden: true }, this.bar,
      h('span', { role: 'status', 'aria-live': 'polite' }, this.line));
    this.errors = h('ul', { class: 'errors', part: 'errors', role: 'alert' });
    this.nodes = [this.status, this.errors];
  }

  /** Shows a task's status and progress. */
  show(t) {
    const p = t.progress || { done: 0, total: -1, percent: null };
    this.status.hidden = false;
    this.status.dataset.status = t.status;
    this.bar.dataset.status = t.status;
    if (t.status === 'COMPLETED') this.bar.value = 100;
    else if (p.percent === null || p.percent === undefined) this.bar.removeAttribute('value');
    else this.bar.value = p.percent;
    const rows = p.total > 0 ? this.say('rows', { done: p.done, total: p.total }) : this.say('rowsDone', { done: p.done });
    let line = this.say(t.status);
    if (t.status === 'RUNNING') line += ' · ' + rows;
    this.line.textContent = t.status === 'FAILED' ? '' : line; // the reason below says it
    this.bar.hidden = t.status === 'FAILED' || t.status === 'CANCELLED';
    this.messages(t.status === 'FAILED' ? [this.say('failed', { reason: t.error ? t.error.message : '' })] : []);
  }

  /** Shows a text in the live region, with no bar. */
  note(text) {
    this.status.hidden = false;
    this.bar.hidden = true;
    delete this.status.dataset.status;
    this.line.textContent = text;
  }

  hide() {
    this.status.hidden = true;
    delete this.status.dataset.status;
    this.messages([]);
  }

  messages(list) {
    this.errors.replaceChildren(...list.map((m) => h('li', null, m)));
  }
}
