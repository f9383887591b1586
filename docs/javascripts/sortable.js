// Sort the tables inside <div class="symact-sortable"> by a click on a column heading.
// Cells that read as numbers (∞ included) sort numerically, others alphabetically; a second
// click on the same heading reverses the order. No library, nothing loaded from the network.
(function () {
  "use strict";
  function key(cell) {
    var text = cell.textContent.trim();
    var num = text.replace("−", "-").replace(/^\(?\[?/, "").split(/[ ,]/)[0];
    if (num === "∞") return { n: Infinity, t: text };
    if (num === "-∞") return { n: -Infinity, t: text };
    var v = parseFloat(num);
    return isNaN(v) ? { n: null, t: text.toLowerCase() } : { n: v, t: text };
  }
  function compare(a, b) {
    if (a.n !== null && b.n !== null) return a.n - b.n;
    if (a.n !== null) return -1;
    if (b.n !== null) return 1;
    return a.t < b.t ? -1 : a.t > b.t ? 1 : 0;
  }
  function setUp(table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      th.setAttribute("role", "button");
      th.setAttribute("tabindex", "0");
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r, s) {
          var c = compare(key(r.cells[col]), key(s.cells[col]));
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
      });
    });
  }
  function init() {
    document.querySelectorAll(".symact-sortable table").forEach(setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
