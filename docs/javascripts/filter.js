// Filter the tables inside <div class="symact-filterable">: a text box matches the first two
// columns (title, names and aliases); each column with few distinct values (family, yes/no
// properties) gets a menu of them. The controls are built from the table itself, so the page
// generator states nothing twice. No library, nothing loaded from the network.
(function () {
  "use strict";
  var MAX_CHOICES = 12;
  function text(cell) { return cell.textContent.trim(); }
  function setUp(wrap, table, index) {
    var heads = Array.prototype.slice.call(table.querySelectorAll("thead th"));
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var form = document.createElement("form");
    form.className = "symact-filter";
    form.setAttribute("role", "search");
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var box = document.createElement("input");
    box.type = "search";
    box.placeholder = "Name or alias";
    box.setAttribute("aria-label", "Filter by name or alias");
    form.appendChild(box);
    var menus = [];
    heads.forEach(function (th, col) {
      if (col < 2) return;
      var seen = {};
      rows.forEach(function (r) { seen[text(r.cells[col])] = true; });
      var values = Object.keys(seen).sort();
      if (values.length < 2 || values.length > MAX_CHOICES) return;
      var label = document.createElement("label");
      label.textContent = text(th) + " ";
      var select = document.createElement("select");
      select.dataset.column = String(col);
      var any = document.createElement("option");
      any.value = "";
      any.textContent = "any";
      select.appendChild(any);
      values.forEach(function (v) {
        var o = document.createElement("option");
        o.value = v;
        o.textContent = v;
        select.appendChild(o);
      });
      label.appendChild(select);
      form.appendChild(label);
      menus.push(select);
    });
    var count = document.createElement("output");
    count.id = "symact-filter-count-" + index;
    count.setAttribute("aria-live", "polite");
    form.appendChild(count);
    function apply() {
      var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (r) {
        var names = (text(r.cells[0]) + " " + text(r.cells[1])).toLowerCase();
        var ok = words.every(function (w) { return names.indexOf(w) >= 0; });
        menus.forEach(function (m) {
          if (m.value && text(r.cells[Number(m.dataset.column)]) !== m.value) ok = false;
        });
        r.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " shown";
    }
    box.addEventListener("input", apply);
    menus.forEach(function (m) { m.addEventListener("change", apply); });
    wrap.insertBefore(form, wrap.firstChild);
    apply();
  }
  function init() {
    document.querySelectorAll(".symact-filterable").forEach(function (wrap, i) {
      var table = wrap.querySelector("table");
      if (table && table.tBodies.length) setUp(wrap, table, i);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
