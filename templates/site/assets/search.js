// Search over this client's data only. Shards are plain scripts (search/shard-N.js), so the
// page works from file:// as well as from a web server; results are inserted with
// textContent, never as HTML.
(function () {
  "use strict";
  var docs = [];
  var loaded = 0;
  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("results");
  var labels = window.gitdeskSearchLabels || {};

  window.gitdeskSearch = window.gitdeskSearch || {};
  window.gitdeskSearch.add = function (shard) {
    docs = docs.concat(shard);
    loaded += 1;
    if (loaded === window.gitdeskSearch.shards) { run(); }
  };

  function normalize(text) { return text.toLowerCase().replace(/ё/g, "е"); }
  // A light stem: the first letters of a word match its other forms (цены → цен, syncing → sync).
  function stem(word) { return word.length > 4 ? word.slice(0, Math.max(4, word.length - 2)) : word; }
  function words(text) { return normalize(text).split(/[^0-9a-zа-я]+/i).filter(function (w) { return w.length > 0; }); }

  function score(doc, stems) {
    var title = words(doc.t), text = words(doc.x), total = 0;
    for (var i = 0; i < stems.length; i++) {
      var s = stems[i], hit = 0;
      title.forEach(function (w) { if (w.indexOf(s) === 0) { hit += 10; } });
      text.forEach(function (w) { if (w.indexOf(s) === 0) { hit += 1; } });
      if (hit === 0) { return 0; }
      total += hit;
    }
    return total;
  }

  function run() {
    var query = input.value.trim();
    list.textContent = "";
    if (!query) { status.textContent = ""; return; }
    var stems = words(query).map(stem);
    var hits = docs.map(function (d) { return { doc: d, score: score(d, stems) }; })
      .filter(function (h) { return h.score > 0; })
      .sort(function (a, b) { return b.score - a.score || (a.doc.u < b.doc.u ? -1 : 1); });
    status.textContent = (labels.found || "Found") + ": " + hits.length;
    hits.slice(0, 50).forEach(function (h) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = h.doc.u;
      link.textContent = h.doc.t;
      item.appendChild(link);
      var text = document.createElement("p");
      text.textContent = h.doc.x.slice(0, 200);
      item.appendChild(text);
      list.appendChild(item);
    });
  }

  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) { input.value = params.get("q"); }
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  for (var n = 0; n < (window.gitdeskSearch.shards || 0); n++) {
    var script = document.createElement("script");
    script.src = "search/shard-" + n + ".js";
    document.head.appendChild(script);
  }
})();
