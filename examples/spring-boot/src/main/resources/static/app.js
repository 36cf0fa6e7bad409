// The demo page's own script: its texts in the browser's language, the signed-in user and
// sign-out. The task center itself is the Taskport widgets (/taskport/taskport.js).
const user = document.getElementById('user');

// Elements with data-zh show that text to a browser whose language is Simplified Chinese,
// the same choice the widgets make.
if (/^zh(-cn|-sg|-hans.*)?$/i.test(navigator.language || '')) {
  document.documentElement.lang = 'zh-CN';
  for (const el of document.querySelectorAll('[data-zh]')) el.textContent = el.dataset.zh;
  for (const el of document.querySelectorAll('[data-zh-placeholder]')) el.placeholder = el.dataset.zhPlaceholder;
  document.title = document.documentElement.dataset.zhTitle || document.title;
}

function csrfToken() {
  const m = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : '';
}

fetch('/api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
  .then((r) => (r.ok ? r.json() : null))
  .then((me) => { if (me) user.textContent = me.name; })
  .catch(() => {});

document.getElementById('logout').addEventListener('click', async () => {
  await fetch('/logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-XSRF-TOKEN': csrfToken() } });
  location.href = '/login?logout';
});
