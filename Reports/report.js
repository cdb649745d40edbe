/* armready HTML report. Builds the page from the JSON blob in #armready-data.
 * Every string from the data goes into the DOM through textContent or setAttribute, never
 * as markup; links get an href only when it is http(s). The blob's keys are documented in
 * Sources/Reporting/HTML/HTMLReportPayload.swift.
 * State lives in the URL hash (#v=blocked&e=x64&k=library&r=RULE&q=TEXT&app=ID&bin=PATH&p=2&sort=path),
 * which is applied on load. On success body[data-ready]="1" and body[data-load-ms] is set;
 * script errors are collected in body[data-errors]. */
(function () {
  'use strict';
  var errors = [];
  function recordError(message) {
    errors.push(String(message));
    if (document.body) document.body.setAttribute('data-errors', errors.join('\n'));
  }
  window.addEventListener('error', function (event) { recordError(event.message || event); });

  var VERDICTS = ['native', 'emulated', 'at-risk', 'blocked', 'unknown'];
  var VERDICT_LABEL = { 'native': 'Native', 'emulated': 'Emulated', 'at-risk': 'At risk', 'blocked': 'Blocked', 'unknown': 'Unknown' };
  var VERDICT_RANK = { 'native': 1, 'emulated': 2, 'unknown': 3, 'at-risk': 4, 'blocked': 5 };
  var EXECUTIONS = ['arm64', 'arm64x', 'arm64ec', 'neutral', 'x64', 'x86', 'arm32', 'other'];
  var EXEC_COLOR = { arm64: '#1f8a4c', arm64x: '#2ea86a', arm64ec: '#5cbf8a', neutral: '#7b61c9',
    x64: '#2f6fb5', x86: '#6d9bd1', arm32: '#c0392b', other: '#8a93a3' };
  var PAGE_SIZE = 200;
  var APPS_SHOWN = 60;
  var SVGNS = 'http://www.w3.org/2000/svg';

  var D, S, B, APPS, pathIndex = {};
  var state = { v: '', e: '', k: '', r: '', q: '', app: '', sort: 'verdict', dir: 'desc', p: 0 };
  var open = {};
  var showAllRows = false;
  var showAllApps = false;
  var filtered = [];
  var ui = {};

  function s(i) { return i === null || i === undefined ? '' : S[i]; }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return parent;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVGNS, tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, String(attrs[k]));
    return e;
  }
  function badge(v) { var b = el('span', 'badge v-' + v, VERDICT_LABEL[v] || v); b.setAttribute('data-verdict', v); return b; }
  function link(title, url) {
    var a = el('a', null, title || url);
    if (/^https?:\/\//i.test(url)) { a.href = url; a.rel = 'noopener noreferrer'; a.target = '_blank'; }
    else a.title = url;
    return a;
  }
  function plural(n, one, many) { return num(n) + ' ' + (n === 1 ? one : (many || one + 's')); }
  function fmtSize(n) {
    if (n < 1024) return n + ' B';
    if (n < 1048576) return (n / 1024).toFixed(1) + ' KB';
    return (n / 1048576).toFixed(1) + ' MB';
  }
  function num(n) { return typeof n === 'number' ? n.toLocaleString('en-US') : String(n); }
  function pct(x) { return typeof x === 'number' ? Math.round(x * 1000) / 10 + '%' : String(x); }

  /* ---------- state and hash ---------- */
  function readHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ''));
    ['v', 'e', 'k', 'r', 'q', 'app', 'sort', 'dir'].forEach(function (key) { if (params.has(key)) state[key] = params.get(key); });
    if (params.has('p')) state.p = Math.max(0, (parseInt(params.get('p'), 10) || 1) - 1);
    return params.has('bin') ? pathIndex[params.get('bin')] : undefined;
  }
  function writeHash() {
    var params = new URLSearchParams();
    ['v', 'e', 'k', 'r', 'q', 'app'].forEach(function (key) { if (state[key]) params.set(key, state[key]); });
    if (state.sort !== 'verdict' || state.dir !== 'desc') { params.set('sort', state.sort); params.set('dir', state.dir); }
    if (state.p > 0) params.set('p', String(state.p + 1));
    var text = params.toString();
    try { history.replaceState(null, '', text ? '#' + text : location.pathname + location.search); } catch (e) { /* file:// in some browsers */ }
  }

  /* ---------- header, banner, tiles ---------- */
  function headline(sum) {
    var av = sum.applicationsByVerdict || {}, bv = sum.binariesByVerdict || {};
    var useApps = APPS.length > 0;
    var counts = useApps ? av : bv;
    var noun = useApps ? ['application', 'applications'] : ['binary', 'binaries'];
    function n(v) { var c = counts[v] || 0; return plural(c, noun[0], noun[1]); }
    switch (sum.overall) {
      case 'native': return ['Ready: everything runs natively on Arm', 'All ' + plural(useApps ? APPS.length : B.length, noun[0], noun[1]) + ' run as Arm64 code.'];
      case 'emulated': return ['Runs, with emulation', n('emulated') + ' rely on x64/x86 emulation (Prism). Nothing known blocks them.'];
      case 'at-risk': return ['At risk: ' + n('at-risk') + ' may fail', 'A known condition can stop or break them on this target; see the reasons below.'];
      case 'blocked': return ['Blocked: ' + n('blocked') + ' cannot run', 'They need a change before they can ship on this target; see the reasons below.'];
      default: return ['Not determined', n('unknown') + ' could not be analysed; see the reasons below.'];
    }
  }
  function renderHeader(root) {
    var m = D.meta;
    var header = add(el('header', 'header'), add(el('div'), el('h1', null, 'Windows on Arm readiness')));
    var meta = el('div', 'meta');
    add(meta, el('span', null, 'Target: ' + m.target + (m.targetTitle ? ' (' + m.targetTitle + ')' : '')));
    add(meta, el('span', null, m.generatedAt ? 'Scanned ' + m.generatedAt : 'Scan time not recorded'));
    if (m.roots && m.roots.length) add(meta, el('span', null, 'Roots: ' + m.roots.join(', ')));
    add(header, meta);
    add(root, header);

    var sum = D.sum;
    var words = headline(sum);
    var banner = el('section', 'banner v-' + sum.overall);
    banner.id = 'verdict';
    banner.setAttribute('data-verdict', sum.overall);
    var dot = el('span', 'dot'); dot.style.background = 'var(--' + sum.overall + ')';
    add(banner, dot, add(el('div'), el('div', 'headline', words[0]), el('div', 'sub', words[1])));
    add(root, banner);
    if (D.gate && D.gate.failOn) {
      var g = D.gate;
      add(root, el('p', 'gate', 'CI gate (fail on ' + g.failOn + (g.failOnUnknown ? ' or unknown' : '') + '): ' +
        (g.passed ? 'passed' : 'failed, ' + plural(g.failing.length, 'binary', 'binaries') + ' over the limit')));
    }

    var tiles = el('section', 'tiles');
    tiles.id = 'tiles';
    VERDICTS.forEach(function (v) {
      var bc = (sum.binariesByVerdict || {})[v] || 0, ac = (sum.applicationsByVerdict || {})[v] || 0;
      var t = el('button', 'tile v-' + v);
      t.type = 'button';
      t.setAttribute('data-tile', v);
      t.title = 'Show ' + VERDICT_LABEL[v].toLowerCase() + ' binaries';
      add(t, el('div', 'count', num(bc)), el('div', 'label', VERDICT_LABEL[v]),
        el('div', 'sub', plural(bc, 'binary', 'binaries') + ' · ' + plural(ac, 'app')));
      t.addEventListener('click', function () { setFilter({ v: v }); ui.tableSection.scrollIntoView(); });
      tiles.appendChild(t);
    });
    function staticTile(key, count, label, sub) {
      var t = el('div', 'tile static');
      t.setAttribute('data-tile', key);
      add(t, el('div', 'count', typeof count === 'number' ? num(count) : count), el('div', 'label', label), el('div', 'sub', sub));
      tiles.appendChild(t);
    }
    staticTile('files', sum.filesExamined, 'Files examined', plural(sum.binaries, 'binary', 'binaries') + ', ' + plural(sum.notBinary, 'other file'));
    if (sum.hybridNativeShare !== undefined && sum.hybridNativeShare !== null) {
      staticTile('native-share', pct(sum.hybridNativeShare), 'Native code share', 'of the code in hybrid (Arm64X/Arm64EC) binaries');
    }
    add(root, tiles);
  }

  /* ---------- charts ---------- */
  function renderCharts(root) {
    var section = el('section', 'charts');
    section.id = 'charts';
    add(section, appChart(), execChart());
    add(root, section);
  }
  function appChart() {
    var box = el('div', 'panel chart');
    var apps = APPS.map(function (a, i) { return i; });
    apps.sort(function (x, y) {
      var a = APPS[x], b = APPS[y];
      return (VERDICT_RANK[b.v] - VERDICT_RANK[a.v]) || (b.b.length - a.b.length) || (a.n < b.n ? -1 : a.n > b.n ? 1 : 0);
    });
    var top = apps.slice(0, 12);
    add(box, el('h3', null, 'Binaries by verdict, per application' + (apps.length > top.length ? ' (worst ' + top.length + ' of ' + apps.length + ')' : '')));
    if (!top.length) { add(box, el('p', 'muted', 'No applications were found.')); return box; }
    var rowH = 24, labelW = 200, barW = 440, width = labelW + barW + 50;
    var chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + (top.length * rowH + 4), role: 'img' });
    chart.setAttribute('aria-label', 'Binaries by verdict for each application');
    var max = 1;
    top.forEach(function (i) { max = Math.max(max, APPS[i].b.length); });
    top.forEach(function (i, row) {
      var app = APPS[i], y = row * rowH + 2;
      var label = svg('text', { x: labelW - 8, y: y + 15, 'text-anchor': 'end' });
      label.textContent = app.n.length > 28 ? app.n.slice(0, 27) + '\u2026' : app.n;
      add(label, add(svg('title', {}), app.id));
      chart.appendChild(label);
      var counts = {};
      app.b.forEach(function (bi) { var v = B[bi].v; counts[v] = (counts[v] || 0) + 1; });
      var x = labelW;
      VERDICTS.forEach(function (v) {
        if (!counts[v]) return;
        var w = counts[v] / max * barW;
        var r = svg('rect', { x: x, y: y + 3, width: Math.max(w, 1.5), height: rowH - 8, 'class': 'f-' + v, rx: 2 });
        add(r, add(svg('title', {}), app.n + ': ' + counts[v] + ' ' + VERDICT_LABEL[v].toLowerCase()));
        chart.appendChild(r);
        x += w;
      });
      var total = svg('text', { x: x + 6, y: y + 15, 'class': 'muted' });
      total.textContent = String(app.b.length);
      chart.appendChild(total);
    });
    add(box, chart, legend(VERDICTS.map(function (v) { return [VERDICT_LABEL[v], 'var(--' + v + ')']; })));
    return box;
  }
  function execChart() {
    var box = el('div', 'panel chart');
    add(box, el('h3', null, 'How the binaries run (execution)'));
    var counts = D.sum.binariesByExecution || {};
    var kinds = EXECUTIONS.filter(function (k) { return counts[k] > 0; });
    Object.keys(counts).forEach(function (k) { if (kinds.indexOf(k) < 0 && counts[k] > 0) kinds.push(k); });
    var total = kinds.reduce(function (t, k) { return t + counts[k]; }, 0);
    if (!total) { add(box, el('p', 'muted', 'No binaries were found.')); return box; }
    var chart = svg('svg', { viewBox: '0 0 320 180', role: 'img' });
    chart.setAttribute('aria-label', 'Binaries by execution kind');
    var radius = 60, start = 0;
    function point(angle) { return (90 + radius * Math.sin(angle)).toFixed(2) + ' ' + (90 - radius * Math.cos(angle)).toFixed(2); }
    kinds.forEach(function (k) {
      var share = counts[k] / total, color = EXEC_COLOR[k] || '#8a93a3', shape;
      if (share >= 0.9999) {
        shape = svg('circle', { cx: 90, cy: 90, r: radius, fill: 'none', stroke: color, 'stroke-width': 30 });
      } else {
        var end = start + share * 2 * Math.PI;
        shape = svg('path', { d: 'M ' + point(start) + ' A ' + radius + ' ' + radius + ' 0 ' + (share > 0.5 ? 1 : 0) + ' 1 ' + point(end),
          fill: 'none', stroke: color, 'stroke-width': 30 });
        start = end;
      }
      add(shape, add(svg('title', {}), k + ': ' + counts[k]));
      chart.appendChild(shape);
    });
    var mid = svg('text', { x: 90, y: 95, 'text-anchor': 'middle' });
    mid.textContent = num(total);
    chart.appendChild(mid);
    kinds.forEach(function (k, i) {
      var y = 20 + i * 20;
      chart.appendChild(svg('rect', { x: 180, y: y - 10, width: 12, height: 12, rx: 2, fill: EXEC_COLOR[k] || '#8a93a3' }));
      var t = svg('text', { x: 198, y: y });
      t.textContent = k + '  ' + num(counts[k]) + ' ('  + Math.round(counts[k] / total * 100) + '%)';
      chart.appendChild(t);
    });
    add(box, chart);
    return box;
  }
  function legend(items) {
    var l = el('div', 'legend');
    items.forEach(function (it) { var sp = el('span', null, it[0]); sp.style.setProperty('--swatch', it[1]); l.appendChild(sp); });
    return l;
  }

  /* ---------- applications ---------- */
  function renderApps(root) {
    var section = el('section');
    section.id = 'applications';
    add(section, el('h2', null, 'Applications (' + num(APPS.length) + ')'));
    if (!APPS.length) { add(section, el('p', 'muted', 'No applications: the scan found no executables.')); add(root, section); return; }
    var list = el('div', 'apps');
    ui.appList = list;
    ui.appOrder = APPS.map(function (a, i) { return i; }).sort(function (x, y) {
      return (VERDICT_RANK[APPS[y].v] - VERDICT_RANK[APPS[x].v]) || (APPS[x].id < APPS[y].id ? -1 : APPS[x].id > APPS[y].id ? 1 : 0);
    });
    add(section, list);
    if (APPS.length > APPS_SHOWN) {
      var more = el('button', 'btn more', 'Show all ' + num(APPS.length) + ' applications');
      more.type = 'button';
      more.addEventListener('click', function () { showAllApps = true; fillApps(); more.remove(); });
      add(section, more);
    }
    add(root, section);
    fillApps();
  }
  function fillApps() {
    var list = ui.appList;
    if (!list) return;
    list.textContent = '';
    var order = showAllApps ? ui.appOrder : ui.appOrder.slice(0, APPS_SHOWN);
    order.forEach(function (i) { list.appendChild(appCard(APPS[i])); });
  }
  function appCard(app) {
    var card = el('article', 'app');
    card.setAttribute('data-app', app.id);
    card.setAttribute('data-verdict', app.v);
    var head = add(el('div', 'app-head'), badge(app.v), el('span', 'app-name', app.n));
    add(head, el('span', 'muted', (app.id !== app.n ? app.id + ' · ' : '') + plural(app.b.length, 'binary', 'binaries') +
      ', ' + plural(app.x.length, 'executable')));
    var show = el('button', 'linklike no-print', 'show binaries');
    show.type = 'button';
    show.addEventListener('click', function () { setFilter({ app: app.id, v: '', e: '', k: '', r: '', q: '' }); ui.tableSection.scrollIntoView(); });
    add(head, show);
    add(card, head);
    if (!app.r.length) {
      add(card, el('p', 'muted', app.v === 'native' ? 'Every binary runs natively.' : 'No reasons recorded.'));
      return card;
    }
    var ol = el('ol', 'reasons');
    app.r.forEach(function (r) {
      var li = add(el('li'), badge(r.v), ' ');
      var name = el('button', 'linklike mono', s(r.p));
      name.type = 'button';
      if (r.bi !== undefined && r.bi !== null) name.addEventListener('click', function () { focusBinary(r.bi); });
      add(li, name, ' ', el('code', 'muted', s(r.rule)), ': ', s(r.m));
      if (r.d !== undefined && r.d !== null) add(li, el('span', 'muted', ' (needs ' + s(r.d) + ')'));
      ol.appendChild(li);
    });
    add(card, ol);
    return card;
  }

  /* ---------- binaries table ---------- */
  var COLUMNS = [
    ['verdict', 'Verdict'], ['path', 'Binary'], ['app', 'Application'], ['e', 'Execution'],
    ['k', 'Kind'], ['m', 'Machine'], ['finding', 'Main finding'], ['z', 'Size']
  ];
  function option(select, value, label) { var o = el('option', null, label); o.value = value; select.appendChild(o); }
  function filterSelect(key, label, values, labels) {
    var l = add(el('label'), label);
    var sel = el('select');
    sel.setAttribute('data-filter', key);
    option(sel, '', 'All');
    values.forEach(function (v) { option(sel, v, labels ? labels[v] || v : v); });
    sel.addEventListener('change', function () { var f = {}; f[key] = sel.value; setFilter(f); });
    ui['filter_' + key] = sel;
    return add(l, sel);
  }
  function distinct(fn) {
    var seen = {}, out = [];
    B.forEach(function (b) { fn(b).forEach(function (v) { if (v && !seen[v]) { seen[v] = true; out.push(v); } }); });
    return out.sort();
  }
  function renderTable(root) {
    var section = el('section');
    section.id = 'binaries';
    ui.tableSection = section;
    add(section, el('h2', null, 'Binaries (' + num(B.length) + ')'));
    var controls = el('div', 'controls');
    add(controls,
      filterSelect('v', 'Verdict', VERDICTS.filter(function (v) { return B.some(function (b) { return b.v === v; }); }), VERDICT_LABEL),
      filterSelect('e', 'Execution', distinct(function (b) { return [b.e]; })),
      filterSelect('k', 'Kind', distinct(function (b) { return [b.k]; })),
      filterSelect('r', 'Rule', distinct(function (b) { return b.fd.map(function (f) { return s(f.r); }); })),
      filterSelect('app', 'Application', APPS.map(function (a) { return a.id; })));
    var ql = add(el('label'), 'Search');
    var q = el('input');
    q.type = 'search';
    q.placeholder = 'path, rule, message, import';
    q.setAttribute('data-filter', 'q');
    var timer = null;
    q.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(function () { setFilter({ q: q.value }); }, 120); });
    ui.filter_q = q;
    add(controls, add(ql, q));
    var reset = el('button', 'btn', 'Clear filters');
    reset.type = 'button';
    reset.addEventListener('click', function () { setFilter({ v: '', e: '', k: '', r: '', q: '', app: '' }); });
    add(controls, reset);
    add(section, controls);
    ui.count = el('p', 'count-line');
    ui.count.id = 'row-count';
    add(section, ui.count);
    var wrap = el('div', 'table-wrap');
    var table = el('table');
    table.id = 'binary-table';
    var thead = el('thead'), tr = el('tr');
    ui.headers = {};
    COLUMNS.forEach(function (c) {
      var th = el('th');
      var b = el('button', null, c[1]);
      b.type = 'button';
      b.addEventListener('click', function () {
        if (state.sort === c[0]) state.dir = state.dir === 'asc' ? 'desc' : 'asc';
        else { state.sort = c[0]; state.dir = c[0] === 'verdict' || c[0] === 'z' ? 'desc' : 'asc'; }
        state.p = 0;
        update();
      });
      ui.headers[c[0]] = th;
      tr.appendChild(add(th, b));
    });
    add(table, add(thead, tr));
    ui.tbody = el('tbody');
    add(table, ui.tbody);
    add(section, add(wrap, table));
    var pager = el('div', 'pager');
    ui.prev = el('button', 'btn', '\u2190 Previous');
    ui.next = el('button', 'btn', 'Next \u2192');
    ui.pageInfo = el('span', 'muted');
    ui.prev.type = ui.next.type = 'button';
    ui.prev.addEventListener('click', function () { state.p -= 1; update(); });
    ui.next.addEventListener('click', function () { state.p += 1; update(); });
    add(section, add(pager, ui.prev, ui.pageInfo, ui.next));
    add(root, section);
  }
  function searchText(b) {
    if (b._q === undefined) {
      var parts = [b.p, b.h || '', b.m === undefined ? '' : s(b.m), b.a === undefined ? '' : APPS[b.a].id];
      b.fd.forEach(function (f) { parts.push(s(f.r), s(f.t), s(f.m)); });
      if (b.d) { list(b.d.im).concat(list(b.d.nd)).forEach(function (i) { parts.push(s(i)); }); }
      b._q = parts.join('\n').toLowerCase();
    }
    return b._q;
  }
  function matches(b) {
    if (state.v && b.v !== state.v) return false;
    if (state.e && b.e !== state.e) return false;
    if (state.k && b.k !== state.k) return false;
    if (state.app && (b.a === undefined || APPS[b.a].id !== state.app)) return false;
    if (state.r && !b.fd.some(function (f) { return s(f.r) === state.r; })) return false;
    if (state.q) {
      var text = searchText(b), terms = state.q.toLowerCase().split(/\s+/);
      for (var i = 0; i < terms.length; i++) if (terms[i] && text.indexOf(terms[i]) < 0) return false;
    }
    return true;
  }
  function sortKey(b) {
    switch (state.sort) {
      case 'path': return b.p;
      case 'app': return b.a === undefined ? '' : APPS[b.a].n;
      case 'e': return b.e;
      case 'k': return b.k || '';
      case 'm': return b.m === undefined ? '' : s(b.m);
      case 'finding': return b.fd.length ? s(b.fd[0].r) : '';
      case 'z': return b.z;
      default: return VERDICT_RANK[b.v] || 0;
    }
  }
  function compute() {
    var list = [];
    for (var i = 0; i < B.length; i++) if (matches(B[i])) list.push(i);
    var dir = state.dir === 'asc' ? 1 : -1;
    list.sort(function (x, y) {
      var a = sortKey(B[x]), b = sortKey(B[y]);
      if (a < b) return -dir;
      if (a > b) return dir;
      return B[x].p < B[y].p ? -1 : B[x].p > B[y].p ? 1 : 0;
    });
    filtered = list;
  }
  function update() {
    compute();
    var pages = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
    state.p = Math.min(Math.max(0, state.p), pages - 1);
    ['v', 'e', 'k', 'r', 'app', 'q'].forEach(function (key) { if (ui['filter_' + key] && ui['filter_' + key].value !== state[key]) ui['filter_' + key].value = state[key]; });
    Object.keys(ui.headers).forEach(function (key) {
      if (key === state.sort) ui.headers[key].setAttribute('aria-sort', state.dir === 'asc' ? 'ascending' : 'descending');
      else ui.headers[key].removeAttribute('aria-sort');
    });
    var start = showAllRows ? 0 : state.p * PAGE_SIZE;
    var end = showAllRows ? filtered.length : Math.min(filtered.length, start + PAGE_SIZE);
    var tbody = el('tbody');
    for (var i = start; i < end; i++) {
      tbody.appendChild(row(filtered[i]));
      if (open[filtered[i]]) tbody.appendChild(detailRow(filtered[i]));
    }
    if (!filtered.length) {
      var empty = add(el('tr'), el('td', 'empty', 'No binary matches these filters.'));
      empty.firstChild.colSpan = COLUMNS.length;
      tbody.appendChild(empty);
    }
    ui.tbody.parentNode.replaceChild(tbody, ui.tbody);
    ui.tbody = tbody;
    ui.count.textContent = filtered.length === B.length ? 'Showing all ' + plural(B.length, 'binary', 'binaries') + '.'
      : plural(filtered.length, 'binary', 'binaries') + ' of ' + num(B.length) + ' match the filters.';
    ui.count.setAttribute('data-total', String(B.length));
    ui.count.setAttribute('data-matching', String(filtered.length));
    ui.count.setAttribute('data-shown', String(end - start));
    ui.pageInfo.textContent = filtered.length ? 'Rows ' + num(start + 1) + '\u2013' + num(end) + ' of ' + num(filtered.length) + ' · page ' + num(state.p + 1) + ' of ' + num(pages) : '';
    ui.prev.disabled = state.p === 0;
    ui.next.disabled = state.p >= pages - 1;
    writeHash();
  }
  function setFilter(changes) {
    for (var k in changes) if (Object.prototype.hasOwnProperty.call(changes, k)) state[k] = changes[k];
    state.p = 0;
    update();
  }
  function row(i) {
    var b = B[i];
    var tr = el('tr', 'row' + (open[i] ? ' open' : ''));
    tr.setAttribute('data-index', String(i));
    tr.setAttribute('data-verdict', b.v);
    tr.tabIndex = 0;
    var main = b.fd.length ? b.fd[0] : null;
    var pathCell = el('td', 'path mono', b.p);
    if (b.l) pathCell.title = 'The file name was not valid UTF-8; unreadable bytes were replaced.';
    add(tr, add(el('td'), badge(b.v)), pathCell,
      el('td', null, b.a === undefined ? '' : APPS[b.a].n), el('td', 'mono', b.e), el('td', null, b.k || ''),
      el('td', null, b.m === undefined ? (b.f === 'elf' || b.f === 'pe' ? '' : b.f) : s(b.m)),
      el('td', null, main ? s(main.t) : (b.why !== undefined ? s(b.why) : '')), el('td', 'num', fmtSize(b.z)));
    function toggle() { if (open[i]) delete open[i]; else open[i] = true; update(); }
    tr.addEventListener('click', toggle);
    tr.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); toggle(); } });
    return tr;
  }
  function focusBinary(i) {
    compute();
    var pos = filtered.indexOf(i);
    if (pos < 0) {
      state.v = state.e = state.k = state.r = state.q = state.app = '';
      compute();
      pos = filtered.indexOf(i);
    }
    open[i] = true;
    state.p = pos < 0 ? 0 : Math.floor(pos / PAGE_SIZE);
    update();
    var target = ui.tbody.querySelector('tr[data-index="' + i + '"]');
    if (target && target.scrollIntoView) target.scrollIntoView({ block: 'nearest' });
  }
  function detailRow(i) {
    var tr = el('tr', 'detail');
    tr.setAttribute('data-detail', String(i));
    var td = el('td');
    td.colSpan = COLUMNS.length;
    td.appendChild(buildDetail(B[i]));
    return add(tr, td);
  }

  /* ---------- detail view ---------- */
  function facts(pairs) {
    var dl = el('dl', 'facts');
    pairs.forEach(function (p) { if (p[1] === undefined || p[1] === null || p[1] === '') return; add(dl, el('dt', null, p[0]), add(el('dd'), p[1])); });
    return dl;
  }
  function chips(ids, cls) {
    var box = el('div', 'sections-list');
    ids.forEach(function (id) { box.appendChild(el('span', 'chip ' + (cls || ''), s(id))); });
    return box;
  }
  function list(x) { return x || []; }
  function buildDetail(b) {
    var box = el('div', 'detail-view');
    var d = b.d;
    var grid = el('div', 'detail-grid');
    add(grid, add(el('div'), el('h3', null, 'File'), facts([
      ['Path', b.p + (b.l ? ' (name had invalid UTF-8)' : '')], ['SHA-256', b.h ? el('code', null, b.h) : 'not computed'], ['Size', fmtSize(b.z) + ' (' + b.z + ' bytes)'],
      ['Application', b.a === undefined ? '' : APPS[b.a].id], ['Format', b.f + (b.bits ? ', ' + b.bits + '-bit' : '')],
      ['Machine', b.m === undefined ? '' : s(b.m) + (b.mc !== undefined ? ' (0x' + b.mc.toString(16) + ')' : '')],
      ['Execution', b.e], ['Kind', b.k || ''], ['Baseline', b.bs || ''], ['Why unknown', b.why === undefined ? '' : s(b.why)]
    ])));
    if (d) {
      add(grid, add(el('div'), el('h3', null, 'Headers'), facts([
        ['Subsystem', s(d.ss)], ['Hybrid', s(d.hk)], ['Native code', d.ns === undefined ? '' : pct(d.ns)],
        ['.NET flags', list(d.df).map(s).join(', ')], ['Manifest archs', d.ma ? (d.ma.length ? d.ma.map(s).join(', ') : 'none') : ''],
        ['Product', s(d.pn)], ['Company', s(d.cn)], ['File version', s(d.fv)], ['Interpreter', s(d.ip)],
        ['Exports', d.ex ? String(d.ex) : ''], ['x86 ISA needed', list(d.xi).map(s).join(', ')], ['AArch64 features', list(d.af).map(s).join(', ')]
      ])));
    }
    add(box, grid);
    if (d && d.sc) add(box, el('h3', null, 'Sections'), chips(d.sc, 'mono'));
    if (d && d.im) add(box, el('h3', null, 'Imports (' + d.im.length + ')'), chips(d.im, 'mono'));
    if (d && d.nd) add(box, el('h3', null, 'Needed libraries (' + d.nd.length + ')'), chips(d.nd, 'mono'));
    add(box, el('h3', null, b.fd.length ? 'Findings (' + b.fd.length + ')' : 'Findings'));
    if (!b.fd.length) add(box, el('p', 'muted', 'No rule fired.'));
    b.fd.forEach(function (f) { box.appendChild(findingView(f)); });
    if (b.i) box.appendChild(isaView(b.i));
    return box;
  }
  function findingView(f) {
    var div = el('div', 'finding v-' + f.v + (f.sp ? ' suppressed' : ''));
    div.setAttribute('data-rule', s(f.r));
    add(div, add(el('div'), badge(f.v), ' ', el('span', 'title', s(f.t)), ' ', el('code', 'muted', s(f.r)),
      el('span', 'muted', ' · ' + (f.c || 'high') + ' confidence')));
    add(div, el('p', 'message', s(f.m)), el('p', 'remediation', s(f.rm)));
    if (f.rf.length) {
      var refs = add(el('div', 'refs'), 'References: ');
      f.rf.forEach(function (r, n) { if (n) add(refs, ', '); add(refs, link(s(r[0]), s(r[1]))); });
      add(div, refs);
    }
    add(div, el('div', 'muted', 'Rule file: ' + (f.src === undefined ? 'Rules/' + s(f.r) + '.yaml' : s(f.src))));
    if (f.sp) add(div, el('div', 'suppression', 'Suppressed: ' + s(f.sp[0]) + (f.sp[1] !== null && f.sp[1] !== undefined ? ' (until ' + s(f.sp[1]) + ')' : '')));
    return div;
  }
  function isaView(isa) {
    var box = el('div', 'isa-view');
    add(box, el('h3', null, 'Instruction-set extensions'));
    var info = 'Method: ' + s(isa.mt) + ' · ' + fmtSize(isa.bd) + ' decoded' + (isa.cap ? ' · byte cap reached, not all code seen' : '') +
      (isa.df ? ' · ' + isa.df + ' undecodable positions' : '') + (isa.sk ? ' · ' + isa.sk + ' functions skipped' : '');
    if (D.meta.examplesKept) info += ' · large report: ' + plural(D.meta.examplesKept, 'example location') + ' kept per extension (the JSON report has them all)';
    add(box, el('p', 'muted', info));
    add(box, el('p', null, isa.dp.length ? 'Run-time dispatch evidence: ' + isa.dp.map(s).join(', ') : 'No run-time CPU dispatch evidence.'));
    if (!isa.x.length) { add(box, el('p', 'muted', 'No extensions beyond the base instruction set.')); return box; }
    var table = el('table', 'isa');
    add(table, add(el('thead'), add(el('tr'), el('th', null, 'Arch'), el('th', null, 'Extension'), el('th', null, 'Count'),
      el('th', null, 'In functions'), el('th', null, 'Linear sweep'), el('th', null, 'Examples'))));
    var tbody = el('tbody');
    isa.x.forEach(function (x) {
      var examples = el('td', 'mono');
      x[6].forEach(function (addr, n) {
        var fn = x[7] ? x[7][n] : null;
        if (n) add(examples, ', ');
        add(examples, '0x' + addr + (fn !== null && fn !== undefined ? ' ' + s(fn) : ''));
      });
      add(tbody, add(el('tr'), el('td', null, s(x[0])), el('td', 'mono', s(x[1]) + (x[2] === 1 ? ' (hint)' : x[2] === 2 ? ' (unconfirmed)' : '')), el('td', 'num', x[3]),
        el('td', 'num', x[4]), el('td', 'num', x[5]), examples));
    });
    add(box, add(table, tbody));
    return box;
  }

  /* ---------- diagnostics, suppressions, baseline ---------- */
  function renderExtras(root) {
    if (D.diag.length) {
      var sec = add(el('section'), el('h2', null, 'Files not scanned (' + D.diag.length + ')'));
      var ul = el('ul');
      D.diag.forEach(function (x) { add(ul, add(el('li'), el('code', null, x.path), ' ', el('span', 'muted', x.kind), ': ', x.message)); });
      add(root, add(sec, ul));
    }
    if (D.sup.length) {
      var ss = add(el('section'), el('h2', null, 'Suppressions (' + D.sup.length + ')'));
      var list = el('ul');
      D.sup.forEach(function (x) {
        add(list, add(el('li'), el('code', null, x.rule), ' on ', el('code', null, x.binary), ': ', x.reason,
          el('span', 'muted', ' · ' + (x.expired ? 'expired ' + x.expires + ', no longer applies' : (x.expires ? 'until ' + x.expires + ' · ' : '') + 'silenced ' + plural(x.matched, 'finding')))));
      });
      add(root, add(ss, list));
    }
    if (D.base) {
      var bs = add(el('section'), el('h2', null, 'Compared with baseline ' + D.base.file));
      [['new', 'New'], ['worse', 'Worse'], ['improved', 'Improved'], ['removed', 'No longer found']].forEach(function (k) {
        var items = D.base[k[0]];
        if (!items.length) return;
        add(bs, el('h3', null, k[1] + ' (' + items.length + ')'));
        var ul2 = el('ul');
        items.forEach(function (p) { add(ul2, add(el('li'), el('code', null, p))); });
        add(bs, ul2);
      });
      add(root, bs);
    }
    var m = D.meta;
    var footer = add(el('footer'), 'Generated by ', link(m.tool + ' ' + m.version, m.uri), ' · report schema ' + m.schemaVersion +
      ' · verdicts: native runs as Arm64 code; emulated runs through Prism x64/x86 emulation; at risk may fail; blocked cannot run.');
    add(root, footer);
  }

  /* ---------- print: every matching row, every application ---------- */
  function beforePrint() { if (!showAllRows) { showAllRows = true; showAllApps = true; fillApps(); update(); } }
  function afterPrint() { showAllRows = false; update(); }

  function main() {
    var node = document.getElementById('armready-data');
    D = JSON.parse(node.textContent);
    if (!D || !D.b) throw new Error('The report data is missing.');
    S = D.s; B = D.b; APPS = D.apps;
    for (var i = 0; i < B.length; i++) pathIndex[B[i].p] = i;
    var focus = readHash();
    var root = document.getElementById('report');
    renderHeader(root);
    renderCharts(root);
    renderApps(root);
    renderTable(root);
    renderExtras(root);
    if (focus !== undefined) focusBinary(focus); else update();
    window.addEventListener('beforeprint', beforePrint);
    window.addEventListener('afterprint', afterPrint);
    window.addEventListener('hashchange', function () {
      state = { v: '', e: '', k: '', r: '', q: '', app: '', sort: 'verdict', dir: 'desc', p: 0 };
      readHash();
      update();
    });
  }

  try {
    main();
    document.body.setAttribute('data-ready', '1');
  } catch (e) {
    recordError(e && e.message ? e.message : e);
    var root = document.getElementById('report');
    if (root) root.appendChild(el('p', null, 'The report could not be shown: ' + (e && e.message ? e.message : e)));
  }
  document.body.setAttribute('data-load-ms', String(Math.round(performance.now())));
})();
