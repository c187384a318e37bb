// The time-zone picker: a search box that narrows the grouped <select> as you type, and, at
// sign-up, the browser's own zone filled into the hidden field. Without JavaScript the select
// works on its own and the server keeps its default zone.
(function () {
  "use strict";

  function browserZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (e) {
      return "";
    }
  }

  document.querySelectorAll("input[data-browser-tz]").forEach(function (input) {
    if (!input.value) input.value = browserZone();
  });

  document.querySelectorAll("select[data-tz-picker]").forEach(function (select) {
    var search = document.createElement("input");
    search.type = "search";
    search.className = "form-control form-control-sm mb-1";
    search.placeholder = select.getAttribute("data-tz-search") || "Search";
    search.setAttribute("aria-label", search.placeholder);
    search.setAttribute("aria-controls", select.id);
    select.parentNode.insertBefore(search, select);
    search.addEventListener("input", function () {
      var term = search.value.trim().toLowerCase().replace(/ /g, "_");
      var first = null;
      select.querySelectorAll("optgroup").forEach(function (group) {
        var shown = 0;
        group.querySelectorAll("option").forEach(function (option) {
          var match = !term || option.value.toLowerCase().indexOf(term) !== -1;
          option.hidden = !match;
          if (match) {
            shown += 1;
            if (!first) first = option;
          }
        });
        group.hidden = shown === 0;
      });
      if (term && first && select.selectedOptions[0] && select.selectedOptions[0].hidden) {
        select.value = first.value;
      }
    });
  });
})();
