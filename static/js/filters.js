/*
 * The filters of a search start closed on a small screen, so that the first result is near the
 * top instead of below some 35 checkboxes. The page sends them open (for wide screens and for
 * browsers without JavaScript); <details data-collapse-below="60rem"> is closed here when the
 * screen is narrower than that. Its summary says how many filters are active.
 */
(function () {
  "use strict";

  document.querySelectorAll("details[data-collapse-below]").forEach(function (details) {
    var query = "(max-width: " + details.dataset.collapseBelow + ")";
    if (window.matchMedia && window.matchMedia(query).matches) {
      details.removeAttribute("open");
    }
  });
})();
