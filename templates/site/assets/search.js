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

  // The same morphology as `gitdesk search`: every word form of this client's text comes
  // with its Snowball stem (window.gitdeskSearchStems); a form the client never wrote takes
  // the longest known stem it starts with.
  var vocabulary = window.gitdeskSearchStems || {};
  var known = Object.keys(vocabulary).map(function (form) { return vocabulary[form]; });
  function normalize(text) { return text.toLowerCase().replace(/ё/g, "е"); }
  function words(text) { return normalize(text).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; }); }
  function stem(word) {
    if (Object.prototype.hasOwnProperty.call(vocabulary, word)) { return vocabulary[word]; }
    var best = "";
    known.forEach(function (s) { if (s.length > best.length && word.indexOf(s) === 0) { best = s; } });
    return best || word;
  }

  // A ticket matches when one of its parts (the description, or a message) holds every
  // stem of the query, as a document does in `gitdesk search`.
  function score(doc, stems) {
    var total = 0;
    doc.p.forEach(function (part, index) {
      var terms = " " + part + " ";
      if (stems.every(function (s) { return terms.indexOf(" " + s + " ") >= 0; })) { total += index === 0 ? 10 : 1; }
    });
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
