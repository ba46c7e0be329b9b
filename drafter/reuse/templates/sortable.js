// Sort a table.sortable by the header clicked (again: the other way). Cells sort by their
// data-sort value when they have one (shares, years), else by their text. Without this
// script the table reads in its original order.
document.querySelectorAll("table.sortable").forEach(function (table) {
  var body = table.tBodies[0];
  table.querySelectorAll("thead th").forEach(function (th, column) {
    th.title = "点击排序";
    th.style.cursor = "pointer";
    th.addEventListener("click", function () {
      var down = th.getAttribute("aria-sort") !== "descending";
      table.querySelectorAll("thead th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", down ? "descending" : "ascending");
      var rows = Array.prototype.slice.call(body.rows);
      function key(row) {
        var cell = row.cells[column];
        var raw = cell.getAttribute("data-sort");
        var text = raw !== null ? raw : cell.textContent.trim();
        var number = parseFloat(text);
        return isNaN(number) || raw === null && !/^-?[\d.]+%?$/.test(text) ? text : number;
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var order = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : typeof x === "number" ? -1 : 1;
        return down ? -order : order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
