// "Rate your week": in a group of 1–5 choices, the digit keys choose directly (the arrow keys
// already move between radio buttons). The change event then saves the row (htmx).
document.addEventListener("keydown", function (event) {
  var input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "radio") return;
  if (!/^[1-5]$/.test(event.key) || !input.closest("[data-rating]")) return;
  var choice = input.form.querySelector(
    'input[type="radio"][name="' + input.name + '"][value="' + event.key + '"]'
  );
  if (!choice || choice.checked) return;
  event.preventDefault();
  choice.checked = true;
  choice.focus();
  choice.dispatchEvent(new Event("change", { bubbles: true }));
});

// A saved row comes back as new HTML: keep the keyboard where it was.
var focusedId = null;
document.addEventListener("htmx:beforeRequest", function () {
  focusedId = document.activeElement && document.activeElement.id;
});
document.addEventListener("htmx:afterSettle", function () {
  var element = focusedId && document.getElementById(focusedId);
  if (element) element.focus();
});
