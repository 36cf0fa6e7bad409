// The widgets' shared style, adopted into each shadow root (no <style> element, so a
// Content-Security-Policy without 'unsafe-inline' allows it). Hosts restyle through the
// --taskport-* custom properties and the parts named in the README.
const CSS = `
:host { display: block; font: var(--taskport-font, inherit); color: var(--taskport-fg, #1d2330); }
[hidden] { display: none !important; }
.fields { display: flex; flex-wrap: wrap; gap: var(--taskport-gap, 10px 14px); align-items: flex-end; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-top: var(--taskport-gap-y, 12px); }
label { display: flex; flex-direction: column; gap: 2px; font-size: .87em; color: var(--taskport-muted, #6b7280); }
label.inline { flex-direction: row; align-items: center; gap: 6px; }
select, input { font: inherit; color: var(--taskport-fg, #1d2330); padding: 5px 8px;
  border: 1px solid var(--taskport-input-border, #cbd5e1); border-radius: var(--taskport-radius, 5px); background: var(--taskport-input-bg, #fff); }
.button { font: inherit; display: inline-block; padding: 6px 14px; border-radius: var(--taskport-radius, 5px);
  border: 1px solid var(--taskport-accent, #2563eb); background: var(--taskport-accent, #2563eb);
  color: var(--taskport-on-accent, #fff); cursor: pointer; text-decoration: none; line-height: 1.4; }
.button.secondary { background: transparent; color: var(--taskport-accent, #2563eb); }
.button.danger { background: transparent; color: var(--taskport-bad, #b91c1c); border-color: var(--taskport-bad, #b91c1c); }
.button.small { padding: 2px 8px; font-size: .87em; }
.button:disabled { opacity: .45; cursor: not-allowed; }
.button:focus-visible, a:focus-visible, select:focus-visible, input:focus-visible {
  outline: 2px solid var(--taskport-focus, #1d4ed8); outline-offset: 2px; }
.status { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; margin-top: var(--taskport-gap-y, 12px); }
select:disabled, input:disabled { color: var(--taskport-muted, #6b7280); background: var(--taskport-disabled-bg, #f3f4f6); }
progress { width: var(--taskport-progress-width, 220px); height: 14px; accent-color: var(--taskport-accent, #2563eb); }
.hint { color: var(--taskport-muted, #6b7280); font-size: .87em; margin: 8px 0 0; }
.ok { color: var(--taskport-ok, #15803d); }
.errors { color: var(--taskport-bad, #b91c1c); margin: 8px 0 0; padding-left: 18px; }
.errors:empty { display: none; }
.result { margin: 8px 0 0; }
.templates { margin: 0 0 10px; font-size: .87em; color: var(--taskport-muted, #6b7280); }
.templates a, a.link { color: var(--taskport-accent, #2563eb); }
table { width: 100%; border-collapse: collapse; font-size: .93em; }
caption { text-align: left; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--taskport-line, #e5e7eb); vertical-align: top; }
th { color: var(--taskport-muted, #6b7280); font-weight: 600; }
td .actions { display: flex; gap: 6px; flex-wrap: wrap; margin: 0; }
td.details { white-space: normal; max-width: 28em; }
.st { font-weight: 600; font-size: .8em; padding: 1px 7px; border-radius: 9px; background: var(--taskport-chip, #eef2ff); white-space: nowrap; }
.st.COMPLETED { background: var(--taskport-ok-bg, #dcfce7); color: var(--taskport-ok, #15803d); }
.st.FAILED, .st.CANCELLED { background: var(--taskport-bad-bg, #fee2e2); color: var(--taskport-bad, #b91c1c); }
.head { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-bottom: 8px; }
fieldset.column-picker { border: 1px solid var(--taskport-line, #e5e7eb); border-radius: var(--taskport-radius, 5px); margin: var(--taskport-gap-y, 12px) 0 0; padding: 6px 10px; }
fieldset.column-picker legend { font-size: .87em; color: var(--taskport-muted, #6b7280); }
ul.columns { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 4px; }
ul.columns li { display: flex; align-items: center; gap: 6px; }
ul.columns label { color: var(--taskport-fg, #1d2330); font-size: 1em; }
.head h2 { font-size: var(--taskport-heading-size, 1.1em); margin: 0; }
`;

let sheet = null;

/** Gives a shadow root the widgets' style. */
export function adoptStyle(root) {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  root.adoptedStyleSheets = [sheet];
}

/** A new element with attributes and children (strings become text, never HTML). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) el.append(c);
  return el;
}
