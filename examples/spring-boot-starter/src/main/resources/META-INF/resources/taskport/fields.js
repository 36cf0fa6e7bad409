// The host's form fields: the named inputs, selects and textareas among a widget's children.
export function fields(host) {
  return Array.from(host.querySelectorAll('input[name], select[name], textarea[name]'));
}

/** The fields' values as params; empty fields are left out. */
export function readParams(host) {
  const params = {};
  for (const f of fields(host)) {
    if (f.type === 'checkbox') params[f.name] = f.checked;
    else if (f.type === 'radio') { if (f.checked) params[f.name] = f.value; }
    else if (f.value === '') continue;
    else if (f.type === 'number' || f.type === 'range') params[f.name] = Number(f.value);
    else params[f.name] = f.value;
  }
  return params;
}

/** Sets the fields to a task's params; a field the params leave out is emptied. */
export function fill(host, params) {
  for (const f of fields(host)) {
    const v = params[f.name];
    if (f.type === 'checkbox') f.checked = v === true;
    else if (f.type === 'radio') f.checked = String(v) === f.value;
    else if (f.type !== 'file' && f.type !== 'hidden') f.value = v === undefined || v === null ? '' : String(v);
  }
}
