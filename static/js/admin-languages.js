/*
 * The fi/sv/en tabs of the admin's translated fields say which languages are filled: each tab
 * gets "✓" (filled) or "–" (empty), with the words from <meta name="elmo-language-filled"> and
 * <meta name="elmo-language-empty"> for screen readers and as the tab's title, and follows
 * what is typed. The tabs themselves are made by modeltranslation's tabbed_translation_fields.js
 * when the page is ready; this runs after it.
 */
(function () {
  "use strict";

  function word(name, fallback) {
    var meta = document.querySelector('meta[name="' + name + '"]');
    return meta ? meta.getAttribute("content") : fallback;
  }

  function filled(panel) {
    var fields = panel.querySelectorAll("input:not([type=hidden]), textarea, select");
    for (var i = 0; i < fields.length; i++) {
      if (fields[i].value && fields[i].value.trim()) {
        return true;
      }
    }
    return false;
  }

  function mark(link, panel, words) {
    var state = link.querySelector(".language-state");
    if (!state) {
      state = document.createElement("span");
      state.className = "language-state";
      link.appendChild(state);
    }
    var isFilled = filled(panel);
    state.textContent = isFilled ? "✓" : "–";
    state.setAttribute("aria-hidden", "true");
    var label = link.getAttribute("data-language") || link.textContent.replace(/[✓–]/g, "").trim();
    link.setAttribute("data-language", label);
    var description = isFilled ? words.filled : words.empty;
    link.setAttribute("aria-label", label + " (" + description + ")");
    link.parentNode.classList.toggle("language-filled", isFilled);
    link.parentNode.classList.toggle("language-empty", !isFilled);
  }

  function start() {
    var words = {
      filled: word("elmo-language-filled", "filled"),
      empty: word("elmo-language-empty", "empty")
    };
    document.querySelectorAll(".ui-tabs .ui-tabs-nav li a[href^='#']").forEach(function (link) {
      var panel = document.getElementById(link.getAttribute("href").slice(1));
      if (!panel) {
        return;
      }
      mark(link, panel, words);
      panel.addEventListener("input", function () {
        mark(link, panel, words);
      });
    });
  }

  if (document.readyState === "complete") {
    start();
  } else {
    window.addEventListener("load", start);
  }
})();
