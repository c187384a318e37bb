// "Copy the link": buttons with data-copy="<id of the element holding the text>". Hidden until
// this script runs; without JavaScript the link stays on the page in full, selectable.
(function () {
  "use strict";

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var id = button.getAttribute("data-copy");
    var source = document.getElementById(id);
    var status = document.querySelector('[data-copy-status="' + id + '"]');
    if (!source) return;
    button.hidden = false;

    function say(text) {
      if (status) status.textContent = text;
    }

    function selectSource() {
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }

    button.addEventListener("click", function () {
      var text = source.textContent.trim();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(
          function () { say(button.getAttribute("data-copied")); },
          function () { selectSource(); say(button.getAttribute("data-copy-failed")); }
        );
        return;
      }
      selectSource();
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (e) {
        copied = false;
      }
      say(button.getAttribute(copied ? "data-copied" : "data-copy-failed"));
    });
  });
})();
