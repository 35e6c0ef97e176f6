"use strict";
(function () {
  var table = document.getElementById("component-table");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var box = document.getElementById("filter-box");
  var input = document.getElementById("filter");
  var shown = document.getElementById("filter-count");
  function key(row, col) {
    var cell = row.cells[col];
    if (!cell) { return ""; }
    var k = cell.getAttribute("data-key");
    return (k !== null ? k : cell.textContent).trim().toLowerCase();
  }
  function filter() {
    var q = input.value.trim().toLowerCase();
    var n = 0;
    rows.forEach(function (row) {
      var hit = q === "" || row.textContent.toLowerCase().indexOf(q) !== -1;
      row.classList.toggle("hidden", !hit);
      if (hit) { n += 1; }
    });
    shown.textContent = n + " of " + rows.length + " components shown";
  }
  if (box && input && shown) {
    box.hidden = false;
    input.addEventListener("input", filter);
    filter();
  }
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  heads.forEach(function (th, col) {
    th.setAttribute("data-sort", "");
    th.tabIndex = 0;
    th.title = "Sort by this column";
    function sort() {
      var asc = th.getAttribute("aria-sort") !== "ascending";
      heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var sorted = rows.slice().sort(function (a, b) {
        var c = key(a, col).localeCompare(key(b, col), "en", { numeric: true });
        if (c === 0) { c = rows.indexOf(a) - rows.indexOf(b); return c; }
        return asc ? c : -c;
      });
      sorted.forEach(function (row) { body.appendChild(row); });
    }
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
    });
  });
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });
}());
