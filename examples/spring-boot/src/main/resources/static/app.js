// The demo page's own script: the signed-in user and sign-out. The task center itself is the
// Taskport widgets (/taskport/taskport.js).
const user = document.getElementById('user');

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
