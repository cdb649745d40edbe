/* armready HTML report. Builds the page from the JSON blob in #armready-data.
 * Every string from the data goes into the DOM through textContent or setAttribute, never
 * as markup; links get an href only when it is http(s). The blob is the scan JSON report
 * (docs/json-schema.md) with repeated values and key sets written once
 * (Sources/Reporting/HTML/HTMLJSONInterner.swift); hydrator() turns it back into that report's
 * object, and everything below reads the JSON report's own member names.
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

  var DISPATCH_LABEL = [['cpuid', 'CPUID'], ['xgetbv', 'XGETBV'], ['isProcessorFeaturePresent', 'IsProcessorFeaturePresent'],
    ['getauxval', 'getauxval'], ['cpuFeatureHelpers', 'CPU feature helpers'], ['ifunc', 'IFUNC'],
    ['idRegisterRead', 'ID register reads'], ['outlineAtomics', 'outline atomics']];

  var R, B, APPS, EXPAND, EXAMPLES_KEPT = null, pathIndex = {}, appIndex = {}, pathsSorted = true;
  var state = { v: '', e: '', k: '', r: '', q: '', app: '', sort: 'verdict', dir: 'desc', p: 0 };
  var open = {};
  var showAllRows = false;
  var showAllApps = false;
  var filtered = [];
  var ui = {};

  function s(x) { return x === null || x === undefined ? '' : String(x); }
  function appOf(b) { var i = appIndex[b.application]; return i === undefined ? null : APPS[i]; }
  function list(x) { return x || []; }
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
    var header = add(el('header', 'header'), add(el('div'), el('h1', null, 'Windows on Arm readiness')));
    var meta = el('div', 'meta');
    add(meta, el('span', null, 'Target: ' + R.target.name + (R.target.title ? ' (' + R.target.title + ')' : '')));
    add(meta, el('span', null, R.generatedAt ? 'Scanned ' + R.generatedAt : 'Scan time not recorded'));
    if (R.roots && R.roots.length) add(meta, el('span', null, 'Roots: ' + R.roots.join(', ')));
    add(header, meta);
    add(root, header);

    var sum = R.summary;
    var words = headline(sum);
    var banner = el('section', 'banner v-' + sum.overall);
    banner.id = 'verdict';
    banner.setAttribute('data-verdict', sum.overall);
    var dot = el('span', 'dot'); dot.style.background = 'var(--' + sum.overall + ')';
    add(banner, dot, add(el('div'), el('div', 'headline', words[0]), el('div', 'sub', words[1])));
    add(root, banner);
    if (R.gate && R.gate.failOn) {
      var g = R.gate;
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
      /* A share of code in hybrid binaries only: worded so it cannot pass for a readiness score. */
      var hybrids = B.filter(function (b) { return b.execution === 'arm64x' || b.execution === 'arm64ec'; }).length;
      staticTile('native-share', pct(sum.hybridNativeShare), 'Native Arm64 code in hybrid binaries',
        'Share of the code in ' + plural(hybrids, 'Arm64X/Arm64EC binary', 'Arm64X/Arm64EC binaries') + '; not a readiness score');
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
  /* HTML rather than SVG: the labels keep the page's font size at any width (an SVG scaled to
   * a phone's width shrinks them to 6 px), and a narrow screen puts each label above its bar. */
  function appChart() {
    var box = el('div', 'panel chart');
    var apps = APPS.map(function (a, i) { return i; });
    apps.sort(function (x, y) {
      var a = APPS[x], b = APPS[y];
      return (VERDICT_RANK[b.verdict] - VERDICT_RANK[a.verdict]) || (b.binaries.length - a.binaries.length) ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    });
    var top = apps.slice(0, 12);
    add(box, el('h3', null, 'Binaries by verdict, per application' + (apps.length > top.length ? ' (worst ' + top.length + ' of ' + apps.length + ')' : '')));
    if (!top.length) { add(box, el('p', 'muted', 'No applications were found.')); return box; }
    var chart = el('ul', 'bars');
    chart.setAttribute('aria-label', 'Binaries by verdict for each application');
    var max = 1;
    top.forEach(function (i) { max = Math.max(max, APPS[i].binaries.length); });
    top.forEach(function (i) {
      var app = APPS[i];
      var row = el('li', 'bar-row');
      var label = el('span', 'bar-label', app.name);
      label.title = app.id;
      var track = el('span', 'bar-track');
      var counts = {}, words = [];
      app.binaries.forEach(function (path) {
        var bi = pathIndex[path];
        if (bi === undefined) return;
        var v = B[bi].verdict;
        counts[v] = (counts[v] || 0) + 1;
      });
      VERDICTS.forEach(function (v) {
        if (!counts[v]) return;
        var bar = el('span', 'bar b-' + v);
        bar.style.width = (counts[v] / max * 100).toFixed(2) + '%';
        bar.title = app.name + ': ' + num(counts[v]) + ' ' + VERDICT_LABEL[v].toLowerCase();
        words.push(num(counts[v]) + ' ' + VERDICT_LABEL[v].toLowerCase());
        track.appendChild(bar);
      });
      track.setAttribute('role', 'img');
      track.setAttribute('aria-label', words.join(', '));
      add(row, label, track, el('span', 'bar-total muted', num(app.binaries.length)));
      chart.appendChild(row);
    });
    add(box, chart, legend(VERDICTS.map(function (v) { return [VERDICT_LABEL[v], 'var(--' + v + ')']; })));
    return box;
  }
  function execChart() {
    var box = el('div', 'panel chart');
    add(box, el('h3', null, 'How the binaries run (execution)'));
    var counts = R.summary.binariesByExecution || {};
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
      return (VERDICT_RANK[APPS[y].verdict] - VERDICT_RANK[APPS[x].verdict]) || (APPS[x].id < APPS[y].id ? -1 : APPS[x].id > APPS[y].id ? 1 : 0);
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
    card.setAttribute('data-verdict', app.verdict);
    var head = add(el('div', 'app-head'), badge(app.verdict), el('span', 'app-name', app.name));
    add(head, el('span', 'muted', (app.id !== app.name ? app.id + ' · ' : '') + plural(app.binaries.length, 'binary', 'binaries') +
      ', ' + plural(app.executables.length, 'executable')));
    var show = el('button', 'linklike no-print', 'show binaries');
    show.type = 'button';
    show.addEventListener('click', function () { setFilter({ app: app.id, v: '', e: '', k: '', r: '', q: '' }); ui.tableSection.scrollIntoView(); });
    add(head, show);
    add(card, head);
    if (!app.reasons.length) {
      add(card, el('p', 'muted', app.verdict === 'native' ? 'Every binary runs natively.' : 'No reasons recorded.'));
    } else {
      var ol = el('ol', 'reasons');
      reasonGroups(app.reasons).forEach(function (g) { ol.appendChild(g.binaries.length === 1 ? reasonItem(g) : groupItem(g)); });
      add(card, ol);
    }
    var tree = packageTree(app);
    if (tree) add(card, tree);
    return card;
  }

  /* ---------- package -> payload tree ---------- */
  /* What a package application holds, as the packages inside it: each binary sits under the
   * packages its path passes through (`setup.exe!/container1!/arm64/Contoso.msi!/...`), each
   * package shows the worst verdict under it, and the members the scan left unrated (a Burn
   * package whose InstallCondition fails on Arm64, a package nested too deep) appear where they
   * are, with the diagnostic's sentence. Shown only when there is a tree: a package inside the
   * package, or a member left out. Built at once for small applications; above TREE_EAGER
   * binaries, when first opened. */
  var TREE_EAGER = 300;
  function packageTree(app) {
    if (app.id.slice(-1) !== '!') return null;
    var prefix = app.id + '/';
    var root = treeNode(app.id.slice(0, -1));
    var nested = false;
    function place(path) {
      var parts = path.slice(prefix.length).split('!/'), n = root, chain = [root];
      for (var i = 0; i < parts.length - 1; i++) {
        nested = true;
        var name = parts[i];
        if (!n.kids[name]) { n.kids[name] = treeNode(name); n.order.push(name); }
        n = n.kids[name];
        chain.push(n);
      }
      return { node: n, chain: chain, name: parts[parts.length - 1] };
    }
    app.binaries.forEach(function (path) {
      var bi = pathIndex[path];
      if (bi === undefined || s(path).indexOf(prefix) !== 0) return;
      var at = place(s(path));
      var verdict = B[bi].verdict;
      at.node.binaries.push({ index: bi, name: at.name, verdict: verdict });
      at.chain.forEach(function (n) {
        n.count++;
        if (n.worst === null || VERDICT_RANK[verdict] > VERDICT_RANK[n.worst]) n.worst = verdict;
      });
    });
    var skipped = list(R.diagnostics).filter(function (d) { return ownerOf(s(d.path)) === app.id; });
    skipped.forEach(function (d) {
      var at = place(s(d.path));
      at.node.skipped.push({ name: at.name, kind: d.kind, message: d.message });
    });
    if (!nested && !skipped.length) return null;
    var details = el('details', 'package-tree');
    add(details, el('summary', null, 'Package contents: ' + plural(root.count, 'binary', 'binaries') +
      (skipped.length ? ', ' + plural(skipped.length, 'member') + ' not rated' : '')));
    if (root.count <= TREE_EAGER) {
      add(details, treeList(root));
    } else {
      var filled = false;
      details.addEventListener('toggle', function () {
        if (filled || !details.open) return;
        filled = true;
        add(details, treeList(root));
      });
    }
    return details;
  }
  /* The innermost package application a path lies in: the longest id with id + '/' a prefix. */
  function ownerOf(path) {
    for (var end = path.lastIndexOf('!/'); end > 0; end = path.lastIndexOf('!/', end - 1)) {
      var id = path.slice(0, end + 1);
      if (appIndex[id] !== undefined) return id;
    }
    return null;
  }
  function treeNode(name) { return { name: name, kids: {}, order: [], binaries: [], skipped: [], worst: null, count: 0 }; }
  function treeList(n) {
    var ul = el('ul', 'tree');
    n.order.forEach(function (name) {
      var kid = n.kids[name];
      var d = el('details', 'tree-package');
      d.open = true;
      var summary = add(el('summary'), kid.worst ? badge(kid.worst) : el('span', 'badge tree-skip', 'not rated'), ' ',
        pathText(el('span', 'mono'), name), el('span', 'muted', ' ' + plural(kid.count, 'binary', 'binaries')));
      add(d, summary, treeList(kid));
      add(ul, add(el('li'), d));
    });
    n.binaries.forEach(function (b) {
      var button = pathText(el('button', 'linklike mono'), b.name);
      button.type = 'button';
      button.addEventListener('click', function () { focusBinary(b.index); });
      add(ul, add(el('li', 'tree-binary'), badge(b.verdict), ' ', button));
    });
    n.skipped.forEach(function (x) {
      add(ul, add(el('li', 'tree-skipped'), el('span', 'badge tree-skip', 'not rated'), ' ', pathText(el('span', 'mono'), x.name),
        el('span', 'muted', ' ' + x.kind + ': ' + s(x.message).replace(/^not rated: /, ''))));
    });
    return ul;
  }
  /* Display only: the reasons the scan gave (the JSON report keeps every one), gathered when
   * they say the same thing (verdict, rule, message, dependency), so a thousand alike binaries
   * make one line. Reasons come worst first; so do the groups, then the larger first. */
  function reasonGroups(reasons) {
    var groups = [], byKey = {};
    reasons.forEach(function (r) {
      var key = JSON.stringify([r.verdict, s(r.rule), s(r.message), s(r.dependency)]);
      var g = byKey[key];
      if (!g) {
        g = byKey[key] = { verdict: r.verdict, rule: s(r.rule), message: s(r.message), dependency: r.dependency, binaries: [], at: groups.length };
        groups.push(g);
      }
      g.binaries.push(s(r.binary));
    });
    return groups.sort(function (a, b) {
      return (VERDICT_RANK[b.verdict] - VERDICT_RANK[a.verdict]) || (b.binaries.length - a.binaries.length) || (a.at - b.at);
    });
  }
  var GROUP_SHOWN = 3;
  function reasonStart(g) { return add(el('li', 'reason'), badge(g.verdict), ' '); }
  function reasonTail(li, g) {
    add(li, ' ', el('code', 'muted', g.rule), ': ', el('span', 'reason-text', g.message));
    if (g.dependency !== undefined && g.dependency !== null) add(li, el('span', 'muted', ' (needs ' + s(g.dependency) + ')'));
  }
  function binaryButton(path) {
    var name = pathText(el('button', 'linklike mono'), path);
    name.type = 'button';
    var bi = pathIndex[path];
    if (bi !== undefined) name.addEventListener('click', function () { focusBinary(bi); });
    return name;
  }
  function reasonItem(g) {
    var li = reasonStart(g);
    add(li, binaryButton(g.binaries[0]));
    reasonTail(li, g);
    return li;
  }
  /* "1,049 binaries: message", the first few binaries, and the rest in a <details> that is
   * filled when first opened (print CSS keeps it closed). */
  function groupItem(g) {
    var li = reasonStart(g);
    li.className = 'reason group';
    li.setAttribute('data-count', String(g.binaries.length));
    add(li, el('strong', 'group-count', plural(g.binaries.length, 'binary', 'binaries') + ':'));
    reasonTail(li, g);
    var first = el('ul', 'group-binaries');
    g.binaries.slice(0, GROUP_SHOWN).forEach(function (path) { add(first, add(el('li'), binaryButton(path))); });
    add(li, first);
    var rest = g.binaries.length - GROUP_SHOWN;
    if (rest > 0) {
      var details = el('details', 'group-more');
      add(details, el('summary', null, plural(rest, 'more binary', 'more binaries')));
      var filled = false;
      details.addEventListener('toggle', function () {
        if (filled || !details.open) return;
        filled = true;
        var ul = el('ul', 'group-binaries');
        g.binaries.slice(GROUP_SHOWN).forEach(function (path) { add(ul, add(el('li'), binaryButton(path))); });
        add(details, ul);
      });
      add(li, details);
    }
    return li;
  }
  /* The path as text with a line-break opportunity after each / and \, so a long path wraps
   * between its parts rather than inside a name. */
  function pathText(node, path) {
    var parts = s(path).split(/(?<=[\/\\])/);
    parts.forEach(function (part, n) {
      if (n) node.appendChild(document.createElement('wbr'));
      node.appendChild(document.createTextNode(part));
    });
    return node;
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
      filterSelect('v', 'Verdict', VERDICTS.filter(function (v) { return B.some(function (b) { return b.verdict === v; }); }), VERDICT_LABEL),
      filterSelect('e', 'Execution', distinct(function (b) { return [b.execution]; })),
      filterSelect('k', 'Kind', distinct(function (b) { return [b.kind]; })),
      filterSelect('r', 'Rule', distinct(function (b) { return b.findings.map(function (f) { return f.rule; }); })),
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
      var app = appOf(b);
      var parts = [b.path, s(b.sha256), s(b.machineName), app ? app.id : ''];
      b.findings.forEach(function (f) { parts.push(s(f.rule), s(f.title), s(f.message)); });
      list(b.warnings).forEach(function (w) { parts.push(s(w.structure), s(w.message)); });
      if (b.details) { list(b.details.imports).concat(list(b.details.needed)).forEach(function (i) { parts.push(s(i)); }); }
      b._q = parts.join('\n').toLowerCase();
    }
    return b._q;
  }
  function matches(b) {
    if (state.v && b.verdict !== state.v) return false;
    if (state.e && b.execution !== state.e) return false;
    if (state.k && b.kind !== state.k) return false;
    if (state.app) { var app = appOf(b); if (!app || app.id !== state.app) return false; }
    if (state.r && !b.findings.some(function (f) { return f.rule === state.r; })) return false;
    if (state.q) {
      var text = searchText(b), terms = state.q.toLowerCase().split(/\s+/);
      for (var i = 0; i < terms.length; i++) if (terms[i] && text.indexOf(terms[i]) < 0) return false;
    }
    return true;
  }
  function sortKey(b) {
    switch (state.sort) {
      case 'path': return b.path;
      case 'app': var app = appOf(b); return app ? app.name : '';
      case 'e': return b.execution;
      case 'k': return b.kind || '';
      case 'm': return s(b.machineName);
      case 'finding': return b.findings.length ? b.findings[0].rule : '';
      case 'z': return b.size;
      default: return VERDICT_RANK[b.verdict] || 0;
    }
  }
  function compute() {
    var list = [], keys = new Array(B.length);
    for (var i = 0; i < B.length; i++) if (matches(B[i])) { list.push(i); keys[i] = sortKey(B[i]); }
    var dir = state.dir === 'asc' ? 1 : -1;
    list.sort(function (x, y) {
      var a = keys[x], b = keys[y];
      if (a < b) return -dir;
      if (a > b) return dir;
      /* Ties in path order: the report lists binaries sorted by path, so index order is it. */
      if (pathsSorted) return x - y;
      return B[x].path < B[y].path ? -1 : B[x].path > B[y].path ? 1 : 0;
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
    tr.setAttribute('data-verdict', b.verdict);
    tr.tabIndex = 0;
    var main = b.findings.length ? b.findings[0] : null;
    var app = appOf(b);
    var pathCell = pathText(el('td', 'path mono'), b.path);
    if (b.pathIsLossy) pathCell.title = 'The file name was not valid UTF-8; unreadable bytes were replaced.';
    add(tr, add(el('td'), badge(b.verdict)), pathCell,
      el('td', null, app ? app.name : ''), el('td', 'mono', b.execution), el('td', null, s(b.kind)),
      el('td', null, b.machineName === null || b.machineName === undefined ? (b.format === 'elf' || b.format === 'pe' ? '' : b.format) : b.machineName),
      el('td', null, main ? main.title : s(b.reason)), el('td', 'num', fmtSize(b.size)));
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
  function chips(items, cls) {
    var box = el('div', 'sections-list');
    items.forEach(function (item) { box.appendChild(el('span', 'chip ' + (cls || ''), s(item))); });
    return box;
  }
  // The package a binary was found in: "setup.msi (msi, Template x64;1033, declares x64)".
  function packagedIn(p) {
    if (!p) return '';
    var said = [p.kind];
    if (p.msiTemplate) said.push('Template ' + p.msiTemplate);
    if (list(p.declaredArchitectures).length) said.push('declares ' + list(p.declaredArchitectures).join(', '));
    return p.name + ' (' + said.join(', ') + ')';
  }
  function buildDetail(b) {
    var box = el('div', 'detail-view');
    var d = b.details;
    var app = appOf(b);
    var grid = el('div', 'detail-grid');
    add(grid, add(el('div'), el('h3', null, 'File'), facts([
      ['Path', b.path + (b.pathIsLossy ? ' (name had invalid UTF-8)' : '')], ['SHA-256', b.sha256 ? el('code', null, b.sha256) : 'not computed'],
      ['Size', fmtSize(b.size) + ' (' + b.size + ' bytes)'],
      ['Application', app ? app.id : ''], ['Format', b.format + (b.bits ? ', ' + b.bits + '-bit' : '')],
      ['Machine', b.machineName === null || b.machineName === undefined ? '' : b.machineName +
        (typeof b.machine === 'number' ? ' (0x' + b.machine.toString(16) + ')' : '')],
      ['Execution', b.execution], ['Kind', s(b.kind)], ['Baseline', s(b.baselineStatus)], ['Why unknown', s(b.reason)],
      ['Found in', packagedIn(b.packagedIn)]
    ])));
    if (d) {
      add(grid, add(el('div'), el('h3', null, 'Headers'), facts([
        ['Subsystem', s(d.subsystem)], ['Hybrid', s(d.hybridKind)],
        ['Native code', d.nativeCodeShare === null || d.nativeCodeShare === undefined ? '' : pct(d.nativeCodeShare)],
        ['.NET flags', list(d.dotnetFlags).join(', ')],
        ['Manifest archs', d.manifestArchitectures ? (d.manifestArchitectures.length ? d.manifestArchitectures.join(', ') : 'none') : ''],
        ['Product', s(d.productName)], ['Company', s(d.companyName)], ['File version', s(d.fileVersion)], ['Interpreter', s(d.interpreter)],
        ['Exports', d.exportCount ? String(d.exportCount) : ''], ['x86 ISA needed', list(d.x86ISANeeded).join(', ')],
        ['AArch64 features', list(d.aarch64Features).join(', ')]
      ])));
    }
    add(box, grid);
    var warnings = list(b.warnings);
    if (warnings.length) {
      add(box, el('h3', null, 'Damaged structures (' + warnings.length + ')'),
        el('p', 'muted', 'Not read, or read in part; the verdict comes from the rest of the file.'));
      var ul = el('ul', 'warnings');
      warnings.forEach(function (w) { add(ul, add(el('li'), el('code', null, w.structure), ': ' + s(w.message))); });
      add(box, ul);
    }
    if (d && list(d.sections).length) add(box, el('h3', null, 'Sections'), chips(d.sections, 'mono'));
    if (d && list(d.imports).length) add(box, el('h3', null, 'Imports (' + d.imports.length + ')'), chips(d.imports, 'mono'));
    if (d && list(d.needed).length) add(box, el('h3', null, 'Needed libraries (' + d.needed.length + ')'), chips(d.needed, 'mono'));
    add(box, el('h3', null, b.findings.length ? 'Findings (' + b.findings.length + ')' : 'Findings'));
    if (!b.findings.length) add(box, el('p', 'muted', 'No rule fired.'));
    b.findings.forEach(function (f) { box.appendChild(findingView(f)); });
    var isa = deferred(b, 'isa');
    if (isa) box.appendChild(isaView(isa));
    return box;
  }
  function findingView(f) {
    var sp = f.suppression;
    var div = el('div', 'finding v-' + f.verdict + (sp ? ' suppressed' : ''));
    div.setAttribute('data-rule', f.rule);
    add(div, add(el('div'), badge(f.verdict), ' ', el('span', 'title', f.title), ' ', el('code', 'muted', f.rule),
      el('span', 'muted', ' · ' + (f.confidence || 'high') + ' confidence')));
    add(div, el('p', 'message', f.message), el('p', 'remediation', f.remediation));
    if (list(f.references).length) {
      var refs = add(el('div', 'refs'), 'References: ');
      f.references.forEach(function (r, n) { if (n) add(refs, ', '); add(refs, link(s(r.title), s(r.url))); });
      add(div, refs);
    }
    add(div, el('div', 'muted', 'Rule file: ' + (f.source || 'Rules/' + f.rule + '.yaml')));
    if (sp) add(div, el('div', 'suppression', 'Suppressed: ' + s(sp.reason) + (sp.expires !== null && sp.expires !== undefined ? ' (until ' + sp.expires + ')' : '')));
    return div;
  }
  function isaView(isa) {
    var box = el('div', 'isa-view');
    add(box, el('h3', null, 'Instruction-set extensions'));
    var info = 'Method: ' + s(isa.method) + ' · ' + fmtSize(isa.bytesDecoded) + ' decoded' + (isa.capReached ? ' · byte cap reached, not all code seen' : '') +
      (isa.decodeFailures ? ' · ' + isa.decodeFailures + ' undecodable positions' : '') +
      (isa.skippedFunctions ? ' · ' + isa.skippedFunctions + ' functions skipped' : '');
    if (EXAMPLES_KEPT) info += ' · large report: ' + plural(EXAMPLES_KEPT, 'example location') + ' kept per extension (the JSON report has them all)';
    add(box, el('p', 'muted', info));
    var seen = dispatchSeen(isa.dispatch);
    add(box, el('p', null, seen.length ? 'Run-time dispatch evidence: ' + seen.join(', ') : 'No run-time CPU dispatch evidence.'));
    var exts = list(isa.findings);
    if (!exts.length) { add(box, el('p', 'muted', 'No extensions beyond the base instruction set.')); return box; }
    var table = el('table', 'isa');
    add(table, add(el('thead'), add(el('tr'), el('th', null, 'Arch'), el('th', null, 'Extension'), el('th', null, 'Count'),
      el('th', null, 'In functions'), el('th', null, 'Linear sweep'), el('th', null, 'Examples'))));
    var tbody = el('tbody');
    exts.forEach(function (x) {
      var examples = el('td', 'mono');
      list(x.examples).forEach(function (ex, n) {
        if (n) add(examples, ', ');
        add(examples, hex(ex.address) + (ex.function !== null && ex.function !== undefined ? ' ' + ex.function : ''));
      });
      add(tbody, add(el('tr'), el('td', null, s(x.architecture)),
        el('td', 'mono', s(x.name) + (x.hint ? ' (hint)' : x.unconfirmed ? ' (unconfirmed)' : '')), el('td', 'num', x.count),
        el('td', 'num', x.inFunctions), el('td', 'num', x.inLinearSweep), examples));
    });
    add(box, add(table, tbody));
    return box;
  }

  /* The labels of the dispatch evidence that was seen, known kinds first in a fixed order. */
  function dispatchSeen(dispatch) {
    var out = [], known = {};
    if (!dispatch) return out;
    DISPATCH_LABEL.forEach(function (d) { known[d[0]] = true; if (dispatch[d[0]] === true) out.push(d[1]); });
    Object.keys(dispatch).sort().forEach(function (k) { if (!known[k] && dispatch[k] === true) out.push(k); });
    return out;
  }
  function hex(n) { return typeof n === 'number' ? '0x' + n.toString(16) : String(n); }

  /* ---------- diagnostics, suppressions, baseline ---------- */
  function renderExtras(root) {
    var diagnostics = list(R.diagnostics), suppressions = list(R.suppressions);
    if (diagnostics.length) {
      /* Not every diagnostic is a skip: some files were scanned in part, and an MSI's external
         cabinet is rated with its MSI (rated-elsewhere). */
      var sec = add(el('section'), el('h2', null, 'Files not scanned, scanned in part or rated with another file (' + diagnostics.length + ')'));
      var ul = el('ul');
      diagnostics.forEach(function (x) { add(ul, add(el('li'), el('code', null, x.path), ' ', el('span', 'muted', x.kind), ': ', x.message)); });
      add(root, add(sec, ul));
    }
    if (suppressions.length) {
      var ss = add(el('section'), el('h2', null, 'Suppressions (' + suppressions.length + ')'));
      var supList = el('ul');
      suppressions.forEach(function (x) {
        add(supList, add(el('li'), el('code', null, x.rule), ' on ', el('code', null, x.binary), ': ', x.reason,
          el('span', 'muted', ' · ' + (x.expired ? 'expired ' + x.expires + ', no longer applies' : (x.expires ? 'until ' + x.expires + ' · ' : '') + 'silenced ' + plural(x.matched, 'finding')))));
      });
      add(root, add(ss, supList));
    }
    if (R.baseline) {
      var bs = add(el('section'), el('h2', null, 'Compared with baseline ' + R.baseline.file));
      [['new', 'New'], ['worse', 'Worse'], ['improved', 'Improved'], ['removed', 'No longer found']].forEach(function (k) {
        var items = list(R.baseline[k[0]]);
        if (!items.length) return;
        add(bs, el('h3', null, k[1] + ' (' + items.length + ')'));
        var ul2 = el('ul');
        items.forEach(function (p) { add(ul2, add(el('li'), el('code', null, p))); });
        add(bs, ul2);
      });
      add(root, bs);
    }
    var footer = add(el('footer'), 'Generated by ', link(R.tool.name + ' ' + R.tool.version, R.tool.informationURI), ' · report schema ' + R.schemaVersion +
      ' · verdicts: native runs as Arm64 code; emulated runs through Prism x64/x86 emulation; at risk may fail; blocked cannot run.');
    add(root, footer);
  }

  /* ---------- the data blob ---------- */
  /* Undoes HTMLJSONInterner: a number is an index into `values`, a string is itself, an array
   * that starts with a negative number -k is an object with the keys shapes[k-1], and any other
   * array is an array. Returns the walk, which turns any encoded value into the JSON report's. */
  function hydrator(blob) {
    var values = blob.values, shapes = blob.shapes.map(function (keys) {
      return keys.map(function (k) { return values[k]; });
    });
    /* Scalars are resolved inline and arrays are filled in place: this runs once per value of a
     * report that can hold millions. A member named in DEFERRED keeps its encoded array until
     * deferred() is asked for it. */
    function walk(x) {
      var n = x.length, i, v, k, first = n ? x[0] : 0;
      if (typeof first === 'number' && first < 0) {
        var keys = shapes[-first - 1], o = {};
        for (i = 0; i < keys.length; i++) {
          v = x[i + 1];
          k = keys[i];
          o[k] = typeof v === 'number' ? values[v] : v !== null && typeof v === 'object' && DEFERRED[k] !== true ? walk(v) : v;
        }
        return o;
      }
      for (i = 0; i < n; i++) {
        v = x[i];
        if (typeof v === 'number') x[i] = values[v];
        else if (v !== null && typeof v === 'object') x[i] = walk(v);
      }
      return x;
    }
    return function (x) { return typeof x === 'number' ? values[x] : x !== null && typeof x === 'object' ? walk(x) : x; };
  }
  /* The ISA profile is about half of a binary's values and only the detail view reads it, so
   * it is hydrated when a detail opens. An object member is never an array in the JSON report,
   * so an array here is one not yet hydrated. */
  var DEFERRED = { isa: true };
  function deferred(object, key) {
    if (Array.isArray(object[key])) object[key] = EXPAND(object[key]);
    return object[key];
  }

  /* ---------- print: every matching row, every application ---------- */
  function beforePrint() { if (!showAllRows) { showAllRows = true; showAllApps = true; fillApps(); update(); } }
  function afterPrint() { showAllRows = false; update(); }

  function main() {
    var node = document.getElementById('armready-data');
    var blob = JSON.parse(node.textContent);
    if (!blob || !blob.report) throw new Error('The report data is missing.');
    EXPAND = hydrator(blob.report);
    R = EXPAND(blob.report.tree);
    if (!R || !R.binaries || !R.applications) throw new Error('The report data is missing.');
    EXAMPLES_KEPT = blob.examplesKept;
    B = R.binaries; APPS = R.applications;
    for (var i = 0; i < B.length; i++) {
      if (pathIndex[B[i].path] === undefined) pathIndex[B[i].path] = i;
      if (i > 0 && B[i - 1].path > B[i].path) pathsSorted = false;
    }
    for (var j = 0; j < APPS.length; j++) if (appIndex[APPS[j].id] === undefined) appIndex[APPS[j].id] = j;
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
