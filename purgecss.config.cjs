// Bootstrap trimmed to the selectors this app's pages use (issue 26: the full file is 232 KB,
// about 8 % of it used). `make css` writes static/vendor/bootstrap/bootstrap.purged.min.css,
// committed; run it again after a template uses a Bootstrap class it did not use before.
// The admin keeps Django's own styles and is not scanned.
module.exports = {
  css: ["static/vendor/bootstrap/bootstrap.min.css"],
  content: [
    // Our templates (the admin's too: harmless, they only add words) and scripts.
    "templates/**/*.html",
    "static/js/**/*.js",
    // Classes Bootstrap's and htmx's JavaScript set at run time (show, collapsing,
    // modal-backdrop, htmx-request, …) appear as strings in their code.
    "static/vendor/bootstrap/bootstrap.bundle.min.js",
    "static/vendor/htmx/htmx.min.js",
    // Forms rendered by crispy-forms, and classes written in Python (widget attrs, badges).
    ".venv/lib/python*/site-packages/crispy_bootstrap5/templates/**/*.html",
    "{accounts,api,consultants,dashboard,digest,mail,outsourcing,plan,privacy,sops,tasks}/**/*.py",
  ],
  safelist: {
    standard: [
      // A message's level becomes alert-<level> in templates/partials/messages.html.
      /^alert-(success|info|warning|danger|error|debug)$/,
      // Form validation states that the browser or a script may set.
      "was-validated",
      "is-invalid",
      "is-valid",
      "invalid-feedback",
      "valid-feedback",
      // Set by Bootstrap's JavaScript (its code builds some of these names).
      "show",
      "showing",
      "hiding",
      "fade",
      "collapsing",
      "collapse-horizontal",
      "modal-open",
      "modal-static",
      "modal-backdrop",
      "offcanvas-backdrop",
      "dropdown-menu-end",
    ],
    // Popper's placement attributes on dropdowns.
    greedy: [/data-popper/, /data-bs-popper/],
  },
  output: "static/vendor/bootstrap/bootstrap.purged.min.css",
};
