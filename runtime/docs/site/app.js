// lakec docs: the static site's script (vanilla JS, no network). Reads window.LAKEC_DOCS (data.js; shapes in
// runtime/docs/docs-data.ts) and loads details/<k>.js with <script> tags on demand. Never draws the whole
// graph: a dataset page shows its neighbourhood (2 levels up and down, capped per level), and a column click
// walks the precomputed integer adjacency (BFS) and highlights the columns on screen.
(function () {
  'use strict';
  const D = window.LAKEC_DOCS;
  const main = document.getElementById('main');
  const statusEl = document.getElementById('status');
  /** Cards per level, columns per neighbour card, names listed per direction, sidebar rows. */
  const LIMITS = { cards: 12, cols: 80, listed: 300, sidebar: 200, levels: 2 };
  const api = { lastClickMs: null, clicks: 0, ready: false };
  window.__lakecDocs = api;
  if (!D || D.format !== 1) {
    main.textContent = 'data.js is missing or has an unknown format: run lakec docs again.';
    return;
  }
  const nDs = D.datasets.name.length;
  const nCols = D.columns.name.length;
  const dsByName = new Map(D.datasets.name.map((n, i) => [n, i]));
  const colDs = new Int32Array(nCols);
  for (let d = 0; d < nDs; d++) for (let c = D.datasets.col0[d]; c < D.datasets.col0[d + 1]; c++) colDs[c] = d;
  const dsDown = reverse(D.datasets.up, nDs);
  const colDown = reverse(D.columns.up, nCols);

  /** Reverses adjacency lists `up` (node -> its inputs) into node -> the nodes reading it. */
  function reverse(up, n) {
    const out = Array.from({ length: n }, () => []);
    for (let i = 0; i < up.length; i++) for (const j of up[i]) out[j].push(i);
    return out;
  }

  /** Breadth-first walk over `adj` from `start`: [node, depth] pairs, nearest first (start excluded). */
  const seen = new Int32Array(Math.max(nCols, nDs));
  let stamp = 0;
  function walk(adj, start, maxDepth) {
    stamp++;
    seen[start] = stamp;
    const out = [];
    let frontier = [start];
    for (let depth = 1; frontier.length && depth <= maxDepth; depth++) {
      const next = [];
      for (const n of frontier) for (const m of adj[n]) {
        if (seen[m] === stamp) continue;
        seen[m] = stamp;
        out.push([m, depth]);
        next.push(m);
      }
      frontier = next;
    }
    return out;
  }

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') el.className = v; else if (k.startsWith('on')) el.addEventListener(k.slice(2), v); else el.setAttribute(k, v);
    }
    for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
    return el;
  }
  const colNode = (c) => D.datasets.name[colDs[c]] + '.' + D.columns.name[c];
  const dsLink = (d) => h('a', { href: '#/dataset/' + encodeURIComponent(D.datasets.name[d]) }, D.datasets.name[d]);
  const layerBadge = (d) => h('span', { class: 'badge layer-' + D.layers[D.datasets.layer[d]] }, D.layers[D.datasets.layer[d]]);
  const fmtMs = (ms) => (ms === undefined ? '' : ms < 1000 ? ms + ' ms' : (ms / 1000).toFixed(1) + ' s');

  // ---- details/<k>.js loading (script tags work from file://) ----
  const chunks = new Map();
  window.LAKEC_DOCS_DETAIL = function (k, list) {
    const entry = chunks.get(k);
    entry.list = list;
    for (const f of entry.waiting) f(list);
    entry.waiting = [];
  };
  function loadDetail(d) {
    const k = Math.floor(d / D.detailChunk);
    return new Promise((resolve, reject) => {
      let entry = chunks.get(k);
      if (entry && entry.list) return resolve(entry.list[d - k * D.detailChunk]);
      if (!entry) {
        entry = { list: null, waiting: [] };
        chunks.set(k, entry);
        const s = h('script', { src: 'details/' + k + '.js' });
        s.onerror = () => reject(new Error('cannot load details/' + k + '.js'));
        document.body.append(s);
      }
      entry.waiting.push((list) => resolve(list[d - k * D.detailChunk]));
    });
  }

  // ---- sidebar: the first LIMITS.sidebar matches only ----
  const listEl = document.getElementById('dataset-list');
  const search = document.getElementById('search');
  function renderList() {
    const q = search.value.trim().toLowerCase();
    const items = [];
    let total = 0;
    for (let d = 0; d < nDs; d++) {
      if (q && !D.datasets.name[d].includes(q)) continue;
      total++;
      if (items.length < LIMITS.sidebar) items.push(h('li', {}, h('a', { href: '#/dataset/' + encodeURIComponent(D.datasets.name[d]) }, D.datasets.name[d])));
    }
    if (total > items.length) items.push(h('li', { class: 'more' }, (total - items.length) + ' more: type to narrow'));
    listEl.replaceChildren(...items);
  }
  search.addEventListener('input', renderList);

  // ---- dataset page ----
  /** Column number -> its elements on screen (the lineage cards). */
  let colEls = new Map();
  let lit = [];
  function card(d, center) {
    const c0 = D.datasets.col0[d], c1 = D.datasets.col0[d + 1];
    const limit = center ? Infinity : LIMITS.cols;
    const items = [];
    for (let c = c0; c < c1 && items.length < limit; c++) {
      const li = h('li', { class: 'col', 'data-c': c, 'data-node': colNode(c), title: D.types[D.columns.type[c]] }, D.columns.name[c]);
      items.push(li);
      const list = colEls.get(c);
      if (list) list.push(li); else colEls.set(c, [li]);
    }
    if (c1 - c0 > items.length) items.push(h('li', { class: 'more' }, (c1 - c0 - items.length) + ' more columns'));
    return h('div', { class: 'card' + (center ? ' center' : ''), 'data-dataset': D.datasets.name[d] },
      h('div', { class: 'card-title' }, layerBadge(d), dsLink(d)), h('ul', {}, items));
  }
  function levels(adj, d) {
    const byDepth = [];
    for (const [n, depth] of walk(adj, d, LIMITS.levels)) (byDepth[depth - 1] = byDepth[depth - 1] || []).push(n);
    return byDepth;
  }
  function levelEl(title, nodes) {
    const shown = nodes.slice(0, LIMITS.cards);
    return h('div', { class: 'level' }, h('div', { class: 'level-title' }, title + ' (' + nodes.length + ')'), shown.map((n) => card(n, false)),
      nodes.length > shown.length ? h('div', { class: 'more' }, (nodes.length - shown.length) + ' more datasets') : null);
  }

  function onColumnClick(ev) {
    const li = ev.target.closest('.col');
    if (!li) return;
    const t0 = performance.now();
    selectColumn(Number(li.getAttribute('data-c')));
    api.lastClickMs = performance.now() - t0;
    api.clicks++;
    statusEl.textContent = 'lineage in ' + api.lastClickMs.toFixed(1) + ' ms';
  }
  /** Highlights column c (.sel), its transitive upstream (.up) and downstream (.down) columns on screen, and lists them. */
  function selectColumn(c) {
    for (const el of lit) el.classList.remove('sel', 'up', 'down');
    lit = [];
    const mark = (n, cls) => { for (const el of colEls.get(n) || []) { el.classList.add(cls); lit.push(el); } };
    const up = walk(D.columns.up, c, Infinity);
    const down = walk(colDown, c, Infinity);
    for (const [n] of up) mark(n, 'up');
    for (const [n] of down) mark(n, 'down');
    mark(c, 'sel');
    const list = (title, hits) => [h('h3', {}, title + ' (' + hits.length + ')'),
      h('ul', { class: 'lineage-' + title }, hits.slice(0, LIMITS.listed).map(([n, depth]) => h('li', { 'data-node': colNode(n), 'data-depth': depth }, '  '.repeat(depth - 1) + colNode(n)))),
      hits.length > LIMITS.listed ? h('div', { class: 'more' }, (hits.length - LIMITS.listed) + ' more') : null];
    document.getElementById('lineage-list').replaceChildren(h('div', {}, h('strong', {}, colNode(c))), ...list('upstream', up), ...list('downstream', down));
  }

  function renderDataset(name) {
    const d = dsByName.get(name);
    if (d === undefined) return main.replaceChildren(h('p', {}, 'No dataset named "' + name + '".'));
    colEls = new Map();
    lit = [];
    const ups = levels(D.datasets.up, d), downs = levels(dsDown, d);
    const graph = h('div', { class: 'graph', onclick: onColumnClick },
      ups.map((nodes, i) => levelEl('upstream ' + (i + 1), nodes)).reverse(),
      h('div', { class: 'level' }, h('div', { class: 'level-title' }, 'selected'), card(d, true)),
      downs.map((nodes, i) => levelEl('downstream ' + (i + 1), nodes)));
    const details = h('div', { id: 'details' }, h('p', {}, 'Loading details…'));
    main.replaceChildren(
      h('h1', {}, name),
      h('p', {}, layerBadge(d), h('span', { class: 'badge' }, 'pipeline ' + D.pipelines[D.datasets.pipeline[d]]), h('span', { class: 'badge' }, D.datasets.kind[d] ? 'model' : 'source')),
      h('h2', {}, 'Lineage'), h('p', { class: 'more' }, 'Click a column: its upstream columns turn orange, its downstream green (DIRECT lineage, whole project).'),
      graph, h('div', { id: 'lineage-list' }), details);
    loadDetail(d).then((det) => renderDetails(details, d, det), (e) => details.replaceChildren(h('p', { class: 'bad' }, e.message)));
  }

  function renderDetails(el, d, det) {
    const c0 = D.datasets.col0[d], c1 = D.datasets.col0[d + 1];
    const schema = [];
    for (let c = c0; c < c1; c++) schema.push(h('tr', {}, h('td', { class: 'mono' }, D.columns.name[c]), h('td', { class: 'mono' }, D.types[D.columns.type[c]]),
      h('td', { class: 'mono' }, D.columns.up[c].map(colNode).join(', '))));
    const rules = det.rules.map((r) => h('tr', {}, h('td', { class: 'mono' }, r.id), h('td', {}, r.kind), h('td', {}, r.severity), h('td', { class: 'mono' }, JSON.stringify(r.spec)),
      h('td', { class: r.result ? (r.result.ok ? 'ok' : r.severity === 'error' ? 'bad' : 'warn') : '' }, r.result ? (r.result.ok ? 'pass' : 'FAIL') + ' (' + r.result.value + ')' : 'no result'),
      h('td', {}, r.result ? r.result.message : '')));
    const rows = det.rows.map(([ri, n]) => { const run = D.runs[ri]; return h('tr', {}, h('td', { class: 'mono' }, run.id), h('td', {}, run.status + (run.active ? ' (active)' : '')), h('td', {}, n.toLocaleString('en'))); });
    const fps = Object.entries(det.fingerprint).map(([k, v]) => h('tr', {}, h('td', {}, k), h('td', { class: 'mono' }, v)));
    if (det.runFingerprint) fps.push(h('tr', {}, h('td', {}, 'active run (effective)'), h('td', { class: 'mono' }, det.runFingerprint)));
    el.replaceChildren(
      det.description ? h('p', {}, det.description) : null,
      h('p', {}, 'Step ', h('code', {}, det.step), det.file ? [' — ', h('code', {}, det.file)] : null),
      h('h2', {}, 'Schema'), h('table', {}, h('tr', {}, h('th', {}, 'column'), h('th', {}, 'type'), h('th', {}, 'direct inputs')), schema),
      det.sql !== undefined ? [h('h2', {}, 'SQL'), h('pre', { class: 'sql' }, det.sql)] : null,
      det.source ? [h('h2', {}, 'Source'), h('table', {}, Object.entries(det.source).map(([k, v]) => h('tr', {}, h('td', {}, k), h('td', { class: 'mono' }, v))))] : null,
      h('h2', {}, 'Validation rules'), rules.length ? h('table', {}, h('tr', {}, ['id', 'kind', 'severity', 'rule', 'latest result', 'details'].map((t) => h('th', {}, t))), rules) : h('p', {}, 'No rules.'),
      h('h2', {}, 'Rows per run'), rows.length ? h('table', {}, h('tr', {}, h('th', {}, 'run'), h('th', {}, 'status'), h('th', {}, 'rows')), rows) : h('p', {}, 'No run wrote this dataset.'),
      h('h2', {}, 'Fingerprints'), h('table', {}, fps));
  }

  // ---- runs and control ----
  function renderRuns() {
    const rows = D.runs.map((r) => h('tr', {},
      h('td', { class: 'mono' }, r.id), h('td', { class: r.status === 'succeeded' ? 'ok' : r.status === 'failed' ? 'bad' : 'warn' }, r.status + (r.active ? ' (active)' : r.promoted ? ' (was promoted)' : '')),
      h('td', {}, r.startedAt || ''), h('td', {}, fmtMs(r.durationMs)), h('td', {}, r.datasets), h('td', {}, r.rows.toLocaleString('en')),
      h('td', {}, Object.entries(r.stepStatus).map(([s, n]) => s + ' ' + n).join(', ')),
      h('td', { class: 'mono' }, [r.errorCode, r.error, r.haltScopes ? 'halted by ' + r.haltScopes.join(', ') : ''].filter(Boolean).join(' — ')),
      h('td', { class: 'mono' }, r.slowest.slice(0, 3).map(([id, ms, st, code]) => id + ' ' + fmtMs(ms) + (st !== 'succeeded' ? ' ' + st : '') + (code ? ' ' + code : '')).join('; '))));
    main.replaceChildren(h('h1', {}, 'Runs'), D.runs.length ? h('table', { id: 'runs' },
      h('tr', {}, ['run', 'status', 'started (UTC)', 'duration', 'datasets', 'rows', 'steps', 'error', 'slowest steps'].map((t) => h('th', {}, t))), rows) : h('p', {}, 'No runs in the lake.'));
  }
  function renderControl() {
    const c = D.control;
    main.replaceChildren(h('h1', {}, 'Control'),
      h('p', {}, 'Scheduling profile: ', h('strong', { id: 'profile' }, c.profile), ' (from ' + c.profileFrom + ')'),
      c.note ? h('p', { class: 'more' }, c.note) : null,
      h('h2', {}, 'Disabled stages and pipelines'),
      c.killSwitches.length ? h('table', { id: 'kill-switches' }, h('tr', {}, ['scope', 'origin', 'reason', 'by'].map((t) => h('th', {}, t))),
        c.killSwitches.map((k) => h('tr', {}, h('td', { class: 'mono' }, k.scope), h('td', {}, k.origin), h('td', {}, k.reason || ''), h('td', {}, k.updatedBy || '')))) : h('p', {}, 'Nothing is disabled.'));
  }
  function renderHome() {
    const perLayer = new Map();
    for (let d = 0; d < nDs; d++) perLayer.set(D.layers[D.datasets.layer[d]], (perLayer.get(D.layers[D.datasets.layer[d]]) || 0) + 1);
    main.replaceChildren(h('h1', {}, D.project),
      h('p', {}, nDs + ' datasets, ' + nCols + ' columns, ' + D.pipelines.length + ' pipelines; plan ', h('code', {}, D.planFingerprint.slice(0, 12)),
        D.activeRun ? ['; active run ', h('code', {}, D.activeRun)] : '; no active run'),
      h('table', {}, h('tr', {}, h('th', {}, 'layer'), h('th', {}, 'datasets')), [...perLayer].map(([l, n]) => h('tr', {}, h('td', {}, l), h('td', {}, n)))),
      h('p', {}, 'Pick a dataset on the left to see its lineage, schema, SQL, rules and rows per run.'));
  }

  function route() {
    const hash = decodeURIComponent(location.hash.replace(/^#\/?/, ''));
    if (hash.startsWith('dataset/')) renderDataset(hash.slice('dataset/'.length));
    else if (hash === 'runs') renderRuns();
    else if (hash === 'control') renderControl();
    else renderHome();
  }
  document.getElementById('project').textContent = 'lakec docs — ' + D.project;
  document.title = 'lakec docs — ' + D.project;
  window.addEventListener('hashchange', route);
  renderList();
  route();
  api.ready = true;
})();
