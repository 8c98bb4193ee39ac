/*
 * Suggestions for the search boxes: names from /api/v1/search/autocomplete/ in a native
 * <datalist>, which browsers and screen readers present as a combobox. Without JavaScript the
 * box is a plain search field.
 */
(function () {
  "use strict";

  var language = document.documentElement.lang || "fi";
  document.querySelectorAll("input[data-autocomplete]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list || !window.fetch) {
      return;
    }
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var query = input.value.trim();
        if (query.length < 2 || query === last) {
          return;
        }
        last = query;
        var url = input.dataset.autocomplete + "?lang=" + encodeURIComponent(language) +
          "&q=" + encodeURIComponent(query);
        fetch(url, { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (suggestions) {
            list.textContent = "";
            suggestions.forEach(function (suggestion) {
              var option = document.createElement("option");
              option.value = suggestion.name;
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are a convenience; the search still works */ });
      }, 200);
    });
  });
})();
