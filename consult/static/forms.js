/* consult: after a refused form, move focus to the error summary at the top (it names every
   wrong field with a link to it); after a reorder, put focus back on the pressed button.
   Without JavaScript the summary is still first in the content and announced (role=alert). */
(function () {
  "use strict";
  function focusSummary() {
    var summary = document.querySelector(".error-summary");
    if (summary) {
      summary.focus();
      return true;
    }
    return false;
  }
  function focusTarget() {
    if (!location.hash || location.hash.length < 2) return;
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && (target.tagName === "BUTTON" || target.tagName === "INPUT")) {
      target.focus();
    }
  }
  function linkToField(event) {
    var link = event.target.closest(".error-summary a[href^='#']");
    if (!link) return;
    var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!field) return;
    event.preventDefault();
    field.focus();
    field.scrollIntoView({ block: "center" });
  }
  function init() {
    if (!focusSummary()) focusTarget();
    document.addEventListener("click", linkToField);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
