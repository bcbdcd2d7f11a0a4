/// The HTML page's inline stylesheet and scripts. Plain ES5-style JavaScript with no library and
/// no network access: the page must open from a file on an air-gapped laptop. Labels are only
/// ever set with `textContent`, never parsed as HTML.
enum HTMLAssets {
    static let css = #"""
        * { box-sizing: border-box; }
        html, body { margin: 0; height: 100%; font: 13px/1.4 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #111827; }
        body { display: grid; grid-template-columns: 240px 1fr 330px; grid-template-rows: auto 1fr; height: 100vh; }
        #errors { position: fixed; bottom: 0; left: 0; right: 0; background: #fee2e2; color: #991b1b; z-index: 10; white-space: pre-wrap; }
        #errors:empty { display: none; }
        header { grid-column: 1 / 4; display: flex; align-items: center; gap: 10px; padding: 8px 12px; border-bottom: 1px solid #e5e7eb; background: #f8fafc; }
        header h1 { font-size: 16px; margin: 0 12px 0 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 40vw; }
        #search { width: 260px; padding: 4px 8px; border: 1px solid #cbd5e1; border-radius: 4px; }
        #search-count, #stats { color: #64748b; }
        #stats { margin-left: auto; }
        .zoom button { min-width: 32px; padding: 3px 8px; border: 1px solid #cbd5e1; background: #fff; border-radius: 4px; cursor: pointer; }
        aside { overflow: auto; padding: 8px 12px; border-right: 1px solid #e5e7eb; }
        #right { border-right: 0; border-left: 1px solid #e5e7eb; }
        aside h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: #475569; margin: 12px 0 6px; }
        .filters label { display: block; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        .filters .count { color: #94a3b8; }
        #legend { list-style: none; padding: 0; margin: 0; }
        #legend li { margin: 2px 0; }
        .swatch { display: inline-block; width: 14px; height: 12px; border: 1px solid; border-radius: 3px; margin-right: 6px; vertical-align: middle; }
        .jewel-swatch { border: 3px double #7f1d1d; }
        .line-swatch { display: inline-block; width: 14px; height: 0; border-top: 3px solid #dc2626; margin-right: 6px; vertical-align: middle; }
        main { position: relative; overflow: hidden; background: #fff; }
        #canvas { width: 100%; height: 100%; display: block; cursor: grab; user-select: none; }
        #canvas.dragging { cursor: grabbing; }
        #empty { position: absolute; top: 40%; width: 100%; text-align: center; font-size: 18px; color: #475569; }
        .node { cursor: pointer; }
        .node rect { stroke-width: 1; }
        .node text { font-size: 12px; fill: #111827; pointer-events: none; }
        .node.onpath rect { stroke-width: 2; }
        .node.jewel rect { stroke: #7f1d1d; stroke-width: 3; }
        .node.match rect { stroke: #f59e0b; stroke-width: 4; }
        .node.selected rect { stroke: #0ea5e9; stroke-width: 4; }
        .edge { cursor: pointer; }
        .edge .line { fill: none; stroke: #64748b; stroke-width: 1.2; marker-end: url(#arrow); }
        .edge .hit { fill: none; stroke: transparent; stroke-width: 10; }
        .edge.reversed .line { stroke-dasharray: 5 3; }
        .edge.onpath .line { stroke: #dc2626; stroke-width: 2.5; marker-end: url(#arrow-path); }
        .edge.selected .line { stroke: #0ea5e9; stroke-width: 3; }
        .hidden { display: none; }
        .focus .node, .focus .edge { opacity: .15; }
        .focus .node.active, .focus .edge.active { opacity: 1; }
        #paths { padding-left: 20px; margin: 0; }
        #paths li { cursor: pointer; padding: 4px; border-radius: 4px; margin-bottom: 4px; }
        #paths li.hint { list-style: none; cursor: default; }
        #paths li:hover { background: #f1f5f9; }
        #paths li.hint:hover { background: none; }
        #paths li.active { background: #fee2e2; }
        #paths .sev { font-weight: bold; color: #b91c1c; }
        #paths .chain { color: #475569; font-size: 12px; word-break: break-word; }
        #details table { border-collapse: collapse; width: 100%; }
        #details th { text-align: left; vertical-align: top; color: #475569; padding: 2px 8px 2px 0; white-space: nowrap; }
        #details td { word-break: break-word; padding: 2px 0; }
        .hint { color: #94a3b8; }

        """#

    /// Installed before the page's script: every uncaught error, rejected promise, `console.error`
    /// and Content-Security-Policy violation is written into `#errors`.
    static let errorHandler = #"""
        (function () {
          'use strict';
          function report(text) {
            var box = document.getElementById('errors');
            var line = document.createElement('div');
            line.textContent = String(text);
            box.appendChild(line);
          }
          window.onerror = function (message, source, line, column) {
            report(message + ' (' + source + ':' + line + ':' + column + ')');
          };
          window.addEventListener('unhandledrejection', function (event) { report('unhandled rejection: ' + event.reason); });
          document.addEventListener('securitypolicyviolation', function (event) { report('blocked: ' + event.blockedURI); });
          var original = console.error;
          console.error = function () {
            report(Array.prototype.join.call(arguments, ' '));
            return original.apply(console, arguments);
          };
        })();

        """#

    /// Draws the embedded graph and wires the controls.
    static let script = #"""
        (function () {
          'use strict';
          var SVGNS = 'http://www.w3.org/2000/svg';
          var data = JSON.parse(document.getElementById('graph-data').textContent);
          var nodes = data.nodes, edges = data.edges, paths = data.paths, layout = data.layout;
          var svg = document.getElementById('canvas');
          var viewport = document.getElementById('viewport');
          var edgeLayer = document.getElementById('edges');
          var nodeLayer = document.getElementById('nodes');
          var details = document.getElementById('details');
          var NO_NAMESPACE = '(cluster-scoped)';
          var index = {};
          var nodeEls = [], edgeEls = [];
          var hiddenNamespaces = {}, hiddenKinds = {};
          var view = { x: 0, y: 0, k: 1 };
          var activePath = -1, matches = [], matchCursor = 0;

          function el(tag, attributes, parent) {
            var element = document.createElementNS(SVGNS, tag);
            for (var name in attributes) { element.setAttribute(name, attributes[name]); }
            if (parent) { parent.appendChild(element); }
            return element;
          }
          function html(tag, text, parent) {
            var element = document.createElement(tag);
            if (text !== undefined && text !== null) { element.textContent = text; }
            if (parent) { parent.appendChild(element); }
            return element;
          }
          function namespaceOf(node) { return node.namespace === null ? NO_NAMESPACE : node.namespace; }
          function shorten(text, limit) { return text.length > limit ? text.slice(0, limit - 1) + '\u2026' : text; }
          function where(item) { return item.file ? item.file + ':' + item.line : '\u2014'; }

          document.getElementById('stats').textContent =
            nodes.length + ' nodes \u00b7 ' + edges.length + ' edges \u00b7 ' + paths.length + ' attack paths';

          nodes.forEach(function (node, i) { index[node.id] = i; });
          var onPath = edges.map(function () { return false; });
          var nodeOnPath = nodes.map(function () { return false; });
          paths.forEach(function (path) {
            path.edges.forEach(function (e) { onPath[e] = true; });
            path.nodes.forEach(function (id) { nodeOnPath[index[id]] = true; });
          });
          var reversed = {};
          layout.reversed.forEach(function (e) { reversed[e] = true; });

          // Edges first so nodes are drawn over them; path edges last so red lines are on top.
          var edgeOrder = edges.map(function (_, i) { return i; });
          edgeOrder.sort(function (a, b) { return (onPath[a] - onPath[b]) || (a - b); });
          edgeOrder.forEach(function (i) {
            var edge = edges[i];
            var route = layout.edges[i];
            var points = [];
            for (var p = 0; p + 1 < route.length; p += 2) { points.push(route[p] + ',' + route[p + 1]); }
            var group = el('g', { 'class': 'edge' + (onPath[i] ? ' onpath' : '') + (reversed[i] ? ' reversed' : ''), 'data-edge': i }, edgeLayer);
            var title = el('title', {}, group);
            title.textContent = edge.kind + ' \u00b7 ' + edge.mitre.id + ' ' + edge.mitre.name + ' (' + edge.mitre.tactic + ')' +
              (edge.reason ? '\n' + edge.reason : '') + (edge.file ? '\n' + where(edge) : '');
            el('polyline', { 'class': 'hit', points: points.join(' ') }, group);
            el('polyline', { 'class': 'line', points: points.join(' ') }, group);
            group.addEventListener('click', function (event) { if (!moved) { showEdge(i); } event.stopPropagation(); });
            edgeEls[i] = group;
          });
          nodes.forEach(function (node, i) {
            var box = layout.nodes[i];
            var classes = 'node k-' + node.kind + (node.crownJewel ? ' jewel' : '') + (nodeOnPath[i] ? ' onpath' : '');
            var group = el('g', { 'class': classes, 'data-node': i,
              transform: 'translate(' + (box[0] - box[2] / 2) + ',' + (box[1] - box[3] / 2) + ')' }, nodeLayer);
            var title = el('title', {}, group);
            title.textContent = node.label + '\n' + node.kind + (node.namespace ? ' in ' + node.namespace : '') +
              (node.crownJewel ? '\ncrown jewel: ' + node.crownJewel : '') + (node.file ? '\n' + where(node) : '');
            el('rect', { width: box[2], height: box[3], rx: 6 }, group);
            var text = el('text', { x: box[2] / 2, y: box[3] / 2 + 4, 'text-anchor': 'middle' }, group);
            text.textContent = shorten(node.label, 32);
            group.addEventListener('click', function (event) { if (!moved) { showNode(i); } event.stopPropagation(); });
            nodeEls[i] = group;
          });
          if (nodes.length === 0) { document.getElementById('empty').hidden = false; }

          // Filters: one checkbox per namespace and per edge kind present.
          function checkbox(container, label, count, title, onChange) {
            var row = html('label', null, container);
            var box = html('input', null, row);
            box.type = 'checkbox';
            box.checked = true;
            box.addEventListener('change', function () { onChange(box.checked); });
            row.appendChild(document.createTextNode(' ' + label + ' '));
            html('span', '(' + count + ')', row).className = 'count';
            if (title) { row.title = title; }
            return box;
          }
          function tally(items, key) {
            var counts = {};
            items.forEach(function (item) { var k = key(item); counts[k] = (counts[k] || 0) + 1; });
            return counts;
          }
          var filterBoxes = {};
          var namespaceCounts = tally(nodes, namespaceOf);
          Object.keys(namespaceCounts).sort().forEach(function (namespace) {
            filterBoxes['namespace:' + namespace] = checkbox(document.getElementById('namespace-filters'), namespace, namespaceCounts[namespace], null, function (on) {
              hiddenNamespaces[namespace] = !on;
              applyVisibility();
            });
          });
          var kindCounts = tally(edges, function (edge) { return edge.kind; });
          Object.keys(kindCounts).sort().forEach(function (kind) {
            filterBoxes['kind:' + kind] = checkbox(document.getElementById('kind-filters'), kind, kindCounts[kind], layout.summaries[kind], function (on) {
              hiddenKinds[kind] = !on;
              applyVisibility();
            });
          });
          function nodeHidden(i) { return hiddenNamespaces[namespaceOf(nodes[i])] === true; }
          function applyVisibility() {
            nodes.forEach(function (_, i) { nodeEls[i].classList.toggle('hidden', nodeHidden(i)); });
            edges.forEach(function (edge, i) {
              var hidden = hiddenKinds[edge.kind] === true || nodeHidden(index[edge.from]) || nodeHidden(index[edge.to]);
              edgeEls[i].classList.toggle('hidden', hidden);
            });
          }

          // Pan and zoom: the viewport group carries one translate-and-scale transform.
          function apply() { viewport.setAttribute('transform', 'translate(' + view.x + ',' + view.y + ') scale(' + view.k + ')'); }
          function zoomAt(factor, px, py) {
            var k = Math.min(8, Math.max(0.02, view.k * factor));
            view.x = px - (px - view.x) * (k / view.k);
            view.y = py - (py - view.y) * (k / view.k);
            view.k = k;
            apply();
          }
          function fitBox(left, top, right, bottom, most) {
            var width = svg.clientWidth || 800, height = svg.clientHeight || 600;
            var k = Math.min(width / Math.max(right - left, 1), height / Math.max(bottom - top, 1), most);
            view.k = k;
            view.x = (width - (right + left) * k) / 2;
            view.y = Math.max((height - (bottom - top) * k) / 2, 0) - top * k;
            apply();
          }
          function fit() { fitBox(0, 0, layout.width, layout.height, 1.5); }
          // Zooms to the boxes of the given nodes, with a margin.
          function fitNodes(list) {
            var left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
            list.forEach(function (i) {
              var box = layout.nodes[i];
              left = Math.min(left, box[0] - box[2] / 2 - 40);
              right = Math.max(right, box[0] + box[2] / 2 + 40);
              top = Math.min(top, box[1] - box[3] / 2 - 40);
              bottom = Math.max(bottom, box[1] + box[3] / 2 + 40);
            });
            fitBox(left, top, right, bottom, 1.2);
          }
          function centreOn(i) {
            var box = layout.nodes[i];
            if (view.k < 0.6) { view.k = 1; }
            view.x = (svg.clientWidth || 800) / 2 - box[0] * view.k;
            view.y = (svg.clientHeight || 600) / 2 - box[1] * view.k;
            apply();
          }
          var drag = null, moved = false;
          svg.addEventListener('pointerdown', function (event) {
            if (event.button !== 0) { return; }
            drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y };
            moved = false;
          });
          window.addEventListener('pointermove', function (event) {
            if (!drag) { return; }
            var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
            if (Math.abs(dx) + Math.abs(dy) > 3) { moved = true; svg.classList.add('dragging'); }
            view.x = drag.vx + dx;
            view.y = drag.vy + dy;
            apply();
          });
          window.addEventListener('pointerup', function () { drag = null; svg.classList.remove('dragging'); });
          svg.addEventListener('wheel', function (event) {
            event.preventDefault();
            var rect = svg.getBoundingClientRect();
            zoomAt(Math.exp(-event.deltaY * 0.0015), event.clientX - rect.left, event.clientY - rect.top);
          }, { passive: false });
          document.getElementById('zoom-in').addEventListener('click', function () { zoomAt(1.25, svg.clientWidth / 2, svg.clientHeight / 2); });
          document.getElementById('zoom-out').addEventListener('click', function () { zoomAt(0.8, svg.clientWidth / 2, svg.clientHeight / 2); });
          document.getElementById('zoom-fit').addEventListener('click', fit);
          svg.addEventListener('click', function () { if (!moved) { select(null); } });

          // Search: highlight every node whose label or id contains the text; Enter moves to the next.
          var search = document.getElementById('search');
          var searchCount = document.getElementById('search-count');
          search.addEventListener('input', function () {
            var query = search.value.trim().toLowerCase();
            matches.forEach(function (i) { nodeEls[i].classList.remove('match'); });
            matches = [];
            matchCursor = 0;
            if (query) {
              nodes.forEach(function (node, i) {
                if (node.label.toLowerCase().indexOf(query) >= 0 || node.id.toLowerCase().indexOf(query) >= 0) { matches.push(i); }
              });
              matches.forEach(function (i) { nodeEls[i].classList.add('match'); });
              if (matches.length) { centreOn(matches[0]); }
            }
            searchCount.textContent = query ? matches.length + (matches.length === 1 ? ' match' : ' matches') : '';
          });
          search.addEventListener('keydown', function (event) {
            if (event.key === 'Enter' && matches.length) {
              matchCursor = (matchCursor + 1) % matches.length;
              centreOn(matches[matchCursor]);
            }
          });

          // Attack paths: all drawn red; clicking one dims everything else, clicking it again restores.
          var pathList = document.getElementById('paths');
          if (paths.length === 0) { html('li', 'No attack path reaches a crown jewel.', pathList).className = 'hint'; }
          paths.forEach(function (path, p) {
            var item = html('li', null, pathList);
            html('span', path.severity, item).className = 'sev';
            item.appendChild(document.createTextNode(' ' + path.jewel + ' \u00b7 ' + path.length + (path.length === 1 ? ' step' : ' steps')));
            var labels = path.nodes.map(function (id) { return nodes[index[id]].label; });
            html('div', labels.join(' \u2192 '), item).className = 'chain';
            item.addEventListener('click', function () { focusPath(activePath === p ? -1 : p); });
          });
          function focusPath(p) {
            activePath = p;
            nodeEls.forEach(function (element) { element.classList.remove('active'); });
            edgeEls.forEach(function (element) { element.classList.remove('active'); });
            Array.prototype.forEach.call(pathList.children, function (item, i) { item.classList.toggle('active', i === p); });
            viewport.classList.toggle('focus', p >= 0);
            if (p < 0) { return; }
            var path = paths[p];
            path.edges.forEach(function (e) { edgeEls[e].classList.add('active'); });
            path.nodes.forEach(function (id) { nodeEls[index[id]].classList.add('active'); });
            fitNodes(path.nodes.map(function (id) { return index[id]; }));
            showPath(path);
          }

          // Details panel.
          var selected = null;
          function select(element) {
            if (selected) { selected.classList.remove('selected'); }
            selected = element;
            if (element) { element.classList.add('selected'); }
          }
          function table(rows) {
            details.textContent = '';
            var body = html('table', null, details);
            rows.forEach(function (row) {
              if (row[1] === null || row[1] === undefined || row[1] === '') { return; }
              var tr = html('tr', null, body);
              html('th', row[0], tr);
              html('td', String(row[1]), tr);
            });
          }
          function showNode(i) {
            var node = nodes[i];
            var out = 0, into = 0;
            edges.forEach(function (edge) { if (edge.from === node.id) { out++; } if (edge.to === node.id) { into++; } });
            select(nodeEls[i]);
            table([['Node', node.label], ['Id', node.id], ['Kind', node.kind], ['Namespace', node.namespace || NO_NAMESPACE],
              ['Defined at', where(node)], ['Crown jewel', node.crownJewel], ['Edges', into + ' in, ' + out + ' out']]);
          }
          function showEdge(i) {
            var edge = edges[i];
            select(edgeEls[i]);
            table([['Edge', edge.kind], ['MITRE', edge.mitre.id + ' ' + edge.mitre.name], ['Tactic', edge.mitre.tactic],
              ['Means', layout.summaries[edge.kind]], ['Reason', edge.reason], ['Defined at', where(edge)],
              ['From', nodes[index[edge.from]].label], ['To', nodes[index[edge.to]].label]]);
          }
          function showPath(path) {
            table([['Path to', path.jewel], ['Severity', path.severity], ['Steps', path.length]].concat(
              path.edges.map(function (e, step) {
                var edge = edges[e];
                return [String(step + 1), edge.kind + ' (' + edge.mitre.id + '): ' + nodes[index[edge.to]].label];
              })));
          }

          fit();

          // Deep links, so a view can be shared and the browser test can drive the controls:
          // #search=web&path=0&node=<id>&edge=<index>&hideNamespace=<ns>&hideKind=<KIND>
          var params = new URLSearchParams(location.hash.slice(1));
          params.getAll('hideNamespace').forEach(function (namespace) {
            var box = filterBoxes['namespace:' + namespace];
            if (box && box.checked) { box.click(); }
          });
          params.getAll('hideKind').forEach(function (kind) {
            var box = filterBoxes['kind:' + kind];
            if (box && box.checked) { box.click(); }
          });
          if (params.has('search')) {
            search.value = params.get('search');
            search.dispatchEvent(new Event('input'));
          }
          var wanted = Number(params.get('path'));
          if (params.has('path') && wanted >= 0 && wanted < paths.length) { focusPath(wanted); }
          if (params.has('node') && index[params.get('node')] !== undefined) { showNode(index[params.get('node')]); }
          var edgeWanted = Number(params.get('edge'));
          if (params.has('edge') && edgeWanted >= 0 && edgeWanted < edges.length) { showEdge(edgeWanted); }
          document.body.setAttribute('data-ready', 'true');
        })();

        """#
}
