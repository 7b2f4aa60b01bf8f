// Small behaviours of every page. No inline script anywhere: the Content-Security-Policy
// allows scripts from /static only.
(function () {
  "use strict";
  // Link fields: one click selects the whole link, ready to copy.
  document.addEventListener("click", function (event) {
    var field = event.target.closest && event.target.closest("[data-select-on-focus]");
    if (field) field.select();
    var printer = event.target.closest && event.target.closest("[data-print]");
    if (printer) window.print();
  });
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-select-on-focus]")) event.target.select();
  });
})();
