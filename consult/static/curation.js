/* consult: the highlights overview. Says how many highlights are ticked and offers
   "tick all"; everything still works as a plain form without it. */
(function () {
  "use strict";
  var form = document.getElementById("bulk-form");
  var count = document.getElementById("bulk-count");
  if (!form || !count) return;
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox][name=themes]"));
  var template = count.getAttribute("data-template") || "";
  var allLabel = count.getAttribute("data-all") || "";
  var noneLabel = count.getAttribute("data-none") || "";
  var toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "link";

  function update() {
    var n = boxes.filter(function (b) { return b.checked; }).length;
    count.textContent = template.replace("%(n)s", String(n));
    toggle.textContent = n === boxes.length ? noneLabel : allLabel;
  }
  toggle.addEventListener("click", function () {
    var all = boxes.some(function (b) { return !b.checked; });
    boxes.forEach(function (b) { b.checked = all; });
    update();
  });
  form.addEventListener("change", function (event) {
    if (event.target.name === "themes") update();
  });
  count.parentNode.appendChild(document.createTextNode(" "));
  count.parentNode.appendChild(toggle);
  update();
})();
