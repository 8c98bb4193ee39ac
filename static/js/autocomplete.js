/*
 * Suggestions for the search boxes: names from /api/v1/search/autocomplete/ in a native
 * <datalist>, which browsers and screen readers present as a combobox. Without JavaScript the
 * box is a plain search field.
 *
 * A suggested cluster or organisation is an entry, not a search word: choosing it (or sending
 * the form with its exact name) opens its page. Each suggestion is labelled with its kind, from
 * the input's data-label-cluster, data-label-organisation and data-label-platform.
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
    var entries = {};  // the name of a suggested cluster or organisation -> its page

    function entryFor(value) {
      return Object.prototype.hasOwnProperty.call(entries, value) ? entries[value] : null;
    }

    function open(address) {
      // The path of the entry on this site (the API's address may name the public host).
      var url = new URL(address, window.location.href);
      window.location.assign(url.pathname + url.search);
    }

    if (input.form) {
      input.form.addEventListener("submit", function (event) {
        var address = entryFor(input.value.trim());
        if (address) {
          event.preventDefault();
          open(address);
        }
      });
    }
    input.addEventListener("input", function (event) {
      // Picking a suggestion replaces the text at once (no inputType in some browsers).
      if (!event.inputType || event.inputType === "insertReplacementText") {
        var address = entryFor(input.value);
        if (address) {
          open(address);
          return;
        }
      }
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
            entries = {};
            suggestions.forEach(function (suggestion) {
              var option = document.createElement("option");
              option.value = suggestion.name;
              option.label = input.getAttribute("data-label-" + suggestion.type) || "";
              if (suggestion.type === "cluster" || suggestion.type === "organisation") {
                entries[suggestion.name] = suggestion.url;
              }
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are a convenience; the search still works */ });
      }, 200);
    });
  });
})();
