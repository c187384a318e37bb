// Django's autocomplete fields (Select2) name their combobox after the current choice, which is
// empty until one is made: name them after their field's label too (axe:
// aria-input-field-name). jQuery runs ready handlers in the order they were added, so this one,
// added once every script has run, comes after the admin's own Select2 set-up.
function nameAutocompletes() {
  document.querySelectorAll("select.admin-autocomplete").forEach((select) => {
    const label = document.querySelector(`label[for="${select.id}"]`);
    const widget = select.nextElementSibling;
    if (!label || !widget || !widget.classList.contains("select2")) return;
    label.id = label.id || `${select.id}-label`;
    widget.querySelectorAll("[role=combobox], [role=textbox]").forEach((element) => {
      const others = (element.getAttribute("aria-labelledby") || "").replace(label.id, "").trim();
      element.setAttribute("aria-labelledby", `${label.id} ${others}`.trim());
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  if (window.django && window.django.jQuery) {
    window.django.jQuery(nameAutocompletes);
  }
});
