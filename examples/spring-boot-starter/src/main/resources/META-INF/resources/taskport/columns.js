// The column picker of <taskport-export columns-picker>: one checkbox per column the export offers
// for the current params, in the handler's order. The user ticks the columns to write and orders
// them with the move buttons, or with Alt+ArrowUp / Alt+ArrowDown on a checkbox.
import { call } from './api.js';
import { h } from './styles.js';

export class ColumnPicker {
  constructor(say) {
    this.say = say;
    this.items = []; // in display order: { key, header, box, row }
    this.offered = []; // keys in the handler's order
    this.list = h('ul', { class: 'columns', part: 'columns-list' });
    this.note = h('p', { class: 'hint', part: 'columns-note', hidden: true });
    this.node = h('fieldset', { class: 'column-picker', part: 'columns' },
      h('legend', {}, say('columns')), this.list, this.note);
    this.disabled = false;
  }

  /** Loads the columns offered for params; keeps what the user ticked of those still offered. */
  async load(base, type, params) {
    const r = await call('GET', base + '/exports/' + encodeURIComponent(type) + '/columns?params='
      + encodeURIComponent(JSON.stringify(params || {})));
    if (!r.ok || !Array.isArray(r.data)) {
      this.note.textContent = this.say('columnsUnavailable');
      this.note.hidden = false;
      return false;
    }
    this.note.hidden = true;
    const before = new Map(this.items.map((i) => [i.key, i]));
    const kept = this.items.filter((i) => r.data.some((c) => c.key === i.key)).map((i) => i.key);
    this.offered = r.data.map((c) => c.key);
    this.items = r.data.map((c) => this.item(c, before.has(c.key) ? before.get(c.key).box.checked : true));
    // the user's order for the columns still offered, new ones where the handler puts them
    this.items.sort((a, b) => rank(kept, this.offered, a.key) - rank(kept, this.offered, b.key));
    this.render();
    return true;
  }

  item(column, checked) {
    const box = h('input', { type: 'checkbox', part: 'column-checkbox', value: column.key });
    box.checked = checked;
    box.disabled = this.disabled;
    const it = { key: column.key, header: column.header, box };
    box.addEventListener('keydown', (e) => {
      if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
        e.preventDefault();
        this.move(it, e.key === 'ArrowUp' ? -1 : 1, box);
      }
    });
    const up = h('button', { type: 'button', class: 'button small secondary', part: 'column-up',
      'aria-label': this.say('moveUp', { name: column.header }), onclick: () => this.move(it, -1, up) }, '↑');
    const down = h('button', { type: 'button', class: 'button small secondary', part: 'column-down',
      'aria-label': this.say('moveDown', { name: column.header }), onclick: () => this.move(it, 1, down) }, '↓');
    it.buttons = [up, down];
    it.row = h('li', { part: 'column' }, h('label', { class: 'inline' }, box, column.header), up, down);
    return it;
  }

  move(it, by, focus) {
    const i = this.items.indexOf(it);
    const j = i + by;
    if (this.disabled || j < 0 || j >= this.items.length) return;
    [this.items[i], this.items[j]] = [this.items[j], this.items[i]];
    this.render();
    focus.focus();
  }

  render() {
    this.list.replaceChildren(...this.items.map((i) => i.row));
    this.items.forEach((it, n) => {
      it.buttons[0].disabled = this.disabled || n === 0;
      it.buttons[1].disabled = this.disabled || n === this.items.length - 1;
    });
  }

  /**
   * The keys to send: [] for every column in the handler's order, null when none is ticked, else
   * the ticked keys in display order.
   */
  chosen() {
    const keys = this.items.filter((i) => i.box.checked).map((i) => i.key);
    if (keys.length === 0) return this.items.length === 0 ? [] : null;
    const all = keys.length === this.offered.length && keys.every((k, n) => k === this.offered[n]);
    return all ? [] : keys;
  }

  /** Shows a task's chosen columns: those ticked, in their order, first; [] means all. */
  show(keys) {
    if (!Array.isArray(keys) || keys.length === 0) {
      this.items.forEach((i) => { i.box.checked = true; });
      this.items.sort((a, b) => this.offered.indexOf(a.key) - this.offered.indexOf(b.key));
    } else {
      this.items.forEach((i) => { i.box.checked = keys.includes(i.key); });
      this.items.sort((a, b) => rank(keys, this.offered, a.key) - rank(keys, this.offered, b.key));
    }
    this.render();
  }

  setDisabled(disabled) {
    this.disabled = disabled;
    this.items.forEach((i) => { i.box.disabled = disabled; });
    this.render();
  }
}

/** Where a key goes: by its place in first, else after all of them in the handler's order. */
function rank(first, offered, key) {
  const i = first.indexOf(key);
  return i >= 0 ? i : first.length + offered.indexOf(key);
}
