// The plain page's whole program (a file of its own: the site's CSP allows no inline script).
fetch('/public/v1/accounts/api-tokens?select=audit&order=-audit.created.at,id&limit=10&offset=0',
      { headers: { Authorization: 'Bearer sandbox-demo-secret', Accept: 'application/json' } })
  .then(r => r.json())
  .then(page => {
    const body = document.getElementById('rows');
    for (const t of page.data) {
      const tr = document.createElement('tr');
      const cells = [t.name + ' ' + t.id, t.modules.length === 1 ? t.modules[0].name : '+' + t.modules.length + ' modules',
        (t.audit.created.by || {}).name || '', new Date(t.audit.created.at).toLocaleString(),
        t.lastAccessAt ? new Date(t.lastAccessAt).toLocaleString() : 'Never', t.status];
      for (const c of cells) { const td = document.createElement('td'); td.textContent = c; tr.appendChild(td); }
      body.appendChild(tr);
    }
    requestAnimationFrame(() => performance.mark('first-rows'));
  });
