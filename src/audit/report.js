"use strict";
(function () {
  var filters = document.getElementById("filters");
  if (!filters) return;
  var boxes = Array.prototype.slice.call(filters.querySelectorAll("input[name=cat]"));
  var from = document.getElementById("from");
  var to = document.getElementById("to");
  var shown = document.getElementById("shown");
  var items = Array.prototype.slice.call(document.querySelectorAll("article.item"));
  function apply() {
    var on = {};
    boxes.forEach(function (b) { if (b.checked) on[b.value] = true; });
    var f = from.value, t = to.value, n = 0;
    items.forEach(function (it) {
      var d = it.getAttribute("data-date");
      var ok = it.getAttribute("data-cats").split(" ").some(function (c) { return on[c]; });
      if (ok && f && (!d || d < f)) ok = false;
      if (ok && t && (!d || d > t)) ok = false;
      it.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = String(n);
  }
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  from.addEventListener("input", apply);
  to.addEventListener("input", apply);
  document.getElementById("reset").addEventListener("click", function () {
    boxes.forEach(function (b) { b.checked = true; });
    from.value = "";
    to.value = "";
    apply();
  });
  filters.hidden = false;
  apply();
})();
