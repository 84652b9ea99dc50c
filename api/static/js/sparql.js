// The SPARQL editor (written for reskg; no library): a textarea with a highlighted copy
// of its text underneath, the named queries as examples, results as a table with links,
// downloads in every result format, and a permalink (?query= in the URL).
(function () {
  "use strict";
  var form = document.getElementById("sparql-form");
  var area = document.getElementById("query");
  var code = document.getElementById("highlight");
  var pre = code.parentNode;
  var select = document.getElementById("example");
  var examples = JSON.parse(document.getElementById("examples-data").textContent);
  var base = form.getAttribute("data-base");
  var MAX_ROWS = 1000;

  var KEYWORDS = new RegExp("^(?:" + [
    "SELECT", "CONSTRUCT", "DESCRIBE", "ASK", "WHERE", "FROM", "NAMED", "PREFIX", "BASE",
    "OPTIONAL", "FILTER", "UNION", "MINUS", "GRAPH", "SERVICE", "BIND", "VALUES", "AS",
    "DISTINCT", "REDUCED", "ORDER", "BY", "ASC", "DESC", "LIMIT", "OFFSET", "GROUP",
    "HAVING", "NOT", "EXISTS", "IN", "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE",
    "GROUP_CONCAT", "SEPARATOR", "STR", "LANG", "LANGMATCHES", "DATATYPE", "BOUND", "IRI",
    "URI", "REGEX", "CONTAINS", "STRSTARTS", "STRENDS", "LCASE", "UCASE", "YEAR", "IF",
    "COALESCE", "SUBSTR", "STRLEN", "REPLACE", "ISIRI", "ISURI", "ISLITERAL", "ISBLANK",
    "TRUE", "FALSE", "A"
  ].join("|") + ")$", "i");
  // One alternation, tried in order: comment, string, IRI, variable, prefixed name, word,
  // number, anything else.
  var TOKEN = /(#[^\n]*)|("""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?)|(<[^<>"{}|^`\\\s]*>)|([?$][A-Za-z0-9_\u00C0-\uFFFF]+)|([A-Za-z][\w.-]*)?:([\w.%-]*)|([A-Za-z_][\w]*)|(\d+(?:\.\d+)?)|([\s\S])/g;

  function esc(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  function span(cls, text) { return '<span class="tok-' + cls + '">' + esc(text) + "</span>"; }
  function highlight(text) {
    var out = "", m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text)) !== null) {
      if (m[1]) { out += span("comment", m[0]); }
      else if (m[2]) { out += span("string", m[0]); }
      else if (m[3]) { out += span("iri", m[0]); }
      else if (m[4]) { out += span("var", m[0]); }
      else if (m[6] !== undefined) { out += span("pname", m[0]); }
      else if (m[7]) { out += KEYWORDS.test(m[7]) ? span("keyword", m[0]) : esc(m[0]); }
      else if (m[8]) { out += span("number", m[0]); }
      else { out += esc(m[0]); }
    }
    return out + "\n"; // a trailing newline keeps the last line's height
  }
  function refresh() {
    code.innerHTML = highlight(area.value);
    syncScroll();
  }
  function syncScroll() { pre.scrollTop = area.scrollTop; pre.scrollLeft = area.scrollLeft; }
  function editorUrl(query) { return "/sparql/editor?query=" + encodeURIComponent(query); }

  area.addEventListener("input", refresh);
  area.addEventListener("scroll", syncScroll);
  area.addEventListener("keydown", function (evt) {
    if (evt.key === "Enter" && (evt.ctrlKey || evt.metaKey)) { evt.preventDefault(); run(); }
  });
  select.addEventListener("change", function () {
    var chosen = examples.filter(function (e) { return e.name === select.value; })[0];
    if (chosen) { area.value = chosen.text; refresh(); }
  });
  form.addEventListener("submit", function (evt) { evt.preventDefault(); run(); });

  var section = document.getElementById("results");
  var status = document.getElementById("status");
  var error = document.getElementById("error");
  var downloads = document.getElementById("downloads");
  var wrap = document.getElementById("table-wrap");
  var FORMATS = {
    bindings: [["JSON", "json", "srj"], ["XML", "xml", "srx"], ["CSV", "csv", "csv"], ["TSV", "tsv", "tsv"]],
    boolean: [["JSON", "json", "srj"], ["XML", "xml", "srx"]],
    graph: [["Turtle", "turtle", "ttl"], ["JSON-LD", "jsonld", "jsonld"], ["N-Triples", "nt", "nt"], ["RDF/XML", "xml", "rdf"]]
  };

  function showDownloads(kind, query) {
    downloads.textContent = "Download: ";
    FORMATS[kind].forEach(function (f, i) {
      var a = document.createElement("a");
      a.href = "/sparql?query=" + encodeURIComponent(query) + "&format=" + f[1];
      a.setAttribute("download", "results." + f[2]);
      a.textContent = f[0];
      if (i) { downloads.appendChild(document.createTextNode(" · ")); }
      downloads.appendChild(a);
    });
    downloads.hidden = false;
  }
  function cell(term) {
    var td = document.createElement("td");
    if (!term) { return td; }
    if (term.type === "uri") {
      var a = document.createElement("a");
      var page = term.value.indexOf(base) === 0 &&
        (term.value.indexOf("/akn/") > 0 || term.value.indexOf("/id/instrument/") > 0);
      if (page) { a.href = "/instrument?id=" + encodeURIComponent(term.value); }
      else if (/^https?:/.test(term.value)) { a.href = term.value; }
      a.textContent = term.value.indexOf(base) === 0
        ? term.value.slice(base.length).replace(/^akn\/un\/statement\/deliberation\//, "")
        : term.value;
      a.title = term.value;
      td.appendChild(a);
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      td.textContent = term.value;
      if (term["xml:lang"]) {
        td.lang = term["xml:lang"];
        var tag = document.createElement("span");
        tag.className = "lang"; tag.textContent = "@" + term["xml:lang"];
        td.appendChild(tag);
      } else if (term.datatype) { td.title = term.datatype; }
    }
    return td;
  }
  function table(data) {
    var vars = data.head.vars || [];
    var rows = data.results.bindings;
    var t = document.createElement("table");
    t.className = "results-table";
    var head = t.createTHead().insertRow();
    vars.forEach(function (v) {
      var th = document.createElement("th"); th.scope = "col"; th.textContent = v; head.appendChild(th);
    });
    var body = t.createTBody();
    rows.slice(0, MAX_ROWS).forEach(function (row) {
      var tr = body.insertRow();
      vars.forEach(function (v) { tr.appendChild(cell(row[v])); });
    });
    return t;
  }
  function run() {
    var query = area.value;
    var started = performance.now();
    section.hidden = false; error.hidden = true; downloads.hidden = true;
    wrap.textContent = ""; status.textContent = "Running…";
    history.replaceState(null, "", editorUrl(query));
    document.getElementById("permalink").href = editorUrl(query);
    fetch("/sparql", {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json, text/turtle;q=0.9"
      },
      body: new URLSearchParams({ query: query })
    }).then(function (response) {
      var type = response.headers.get("content-type") || "";
      var seconds = ((performance.now() - started) / 1000).toFixed(2);
      if (!response.ok) {
        return response.text().then(function (text) {
          var detail = text;
          try { detail = JSON.parse(text).detail || text; } catch (e) { /* not JSON */ }
          status.textContent = "The query failed (" + response.status + ").";
          error.textContent = detail; error.hidden = false;
        });
      }
      if (type.indexOf("json") >= 0) {
        return response.json().then(function (data) {
          if (data.boolean !== undefined) {
            status.textContent = "Answer: " + (data.boolean ? "yes" : "no") + " (" + seconds + " s)";
            showDownloads("boolean", query);
            return;
          }
          var n = data.results.bindings.length;
          status.textContent = n + " row" + (n === 1 ? "" : "s") + " in " + seconds + " s" +
            (n > MAX_ROWS ? "; the table shows the first " + MAX_ROWS + ", downloads have all" : "");
          wrap.appendChild(table(data));
          showDownloads("bindings", query);
        });
      }
      return response.text().then(function (text) {
        var lines = text.split("\n").filter(function (l) { return l.trim() && l.indexOf("@prefix") !== 0; });
        status.textContent = lines.length + " triple line" + (lines.length === 1 ? "" : "s") + " (Turtle) in " + seconds + " s";
        var out = document.createElement("pre"); out.className = "turtle"; out.textContent = text;
        wrap.appendChild(out);
        showDownloads("graph", query);
      });
    }).catch(function () {
      status.textContent = "The service did not answer.";
    });
  }

  refresh();
  if (form.getAttribute("data-autorun") === "true") { run(); }
})();
