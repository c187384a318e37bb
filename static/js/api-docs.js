"use strict";
// Starts Swagger UI on /api/docs/ from a static file: the page allows no inline script.
(() => {
  const root = document.getElementById("swagger-ui");

  // Swagger UI's BaseLayout, less its own <main> (the page's <main> holds it all: one main
  // landmark) and with an <h2> before the operations' <h3>s (headings go down one level).
  const AccessibleLayout = (system) => {
    const h = system.React.createElement;
    class Layout extends system.React.Component {
      render() {
        const { specSelectors: spec, getComponent } = this.props;
        const Errors = getComponent("errors", true);
        const status = spec.loadingStatus();
        if (status === "loading" || !spec.specStr()) {
          return h("div", { className: "swagger-ui" }, h("p", { className: "loading-container" }, "Loading…"));
        }
        if (status === "failed" || status === "failedConfig") {
          return h("div", { className: "swagger-ui" }, h("p", { className: "loading-container" }, "The API description could not be loaded."), h(Errors));
        }
        const Row = getComponent("Row");
        const Col = getComponent("Col");
        const Filter = getComponent("VersionPragmaFilter");
        const Servers = getComponent("ServersContainer", true);
        const Schemes = getComponent("SchemesContainer", true);
        const Authorize = getComponent("AuthorizeBtnContainer", true);
        const servers = spec.servers();
        const schemes = spec.schemes();
        const hasServers = servers && servers.size;
        const hasSchemes = schemes && schemes.size;
        const hasAuth = !!spec.securityDefinitions();
        const full = (child) => h(Row, null, h(Col, { mobile: 12, desktop: 12 }, child));
        return h(
          "div",
          { className: "swagger-ui" },
          h(getComponent("SvgAssets")),
          h(
            Filter,
            { isSwagger2: spec.isSwagger2(), isOAS3: spec.isOAS3(), isOAS31: spec.isOAS31(), alsoShow: h(Errors) },
            h(Errors),
            h(Row, { className: "information-container" }, h(Col, { mobile: 12 }, h(getComponent("InfoContainer", true)))),
            hasServers || hasSchemes || hasAuth
              ? h(
                  "div",
                  { className: "scheme-container" },
                  h(
                    Col,
                    { className: "schemes wrapper", mobile: 12 },
                    hasServers || hasSchemes
                      ? h("div", { className: "schemes-server-container" }, hasServers ? h(Servers) : null, hasSchemes ? h(Schemes) : null)
                      : null,
                    hasAuth ? h(Authorize) : null,
                  ),
                )
              : null,
            h(getComponent("FilterContainer", true)),
            h(
              "div",
              { id: "operations" },
              h("h2", { className: "wrapper api-docs-operations" }, "Endpoints"),
              full(h(getComponent("operations", true))),
              full(h(getComponent("Models", true))),
            ),
          ),
        );
      }
    }
    return { components: { AccessibleLayout: Layout } };
  };

  // What axe finds in Swagger UI's unfolded parts, mended as they appear: selects and the
  // responses' regions without a name, the dialog's unnamed close button and its heading,
  // and code boxes that scroll without being reachable by keyboard.
  const mend = () => {
    for (const select of root.querySelectorAll("select:not([aria-label])")) {
      const row = select.closest("tr[data-param-name]");
      select.setAttribute("aria-label", row ? row.dataset.paramName : "Value");
    }
    for (const table of root.querySelectorAll("table[role=region]:not([aria-label])")) {
      table.setAttribute("aria-label", `Responses (${table.id || "operation"})`);
    }
    for (const button of root.querySelectorAll(".close-modal:not([aria-label])")) {
      button.setAttribute("aria-label", "Close");
    }
    // The dialog sits before the operations' h2: its h3 and h4s count as h2 and h3.
    for (const heading of root.querySelectorAll(".modal-ux-header h3:not([aria-level])")) {
      heading.setAttribute("aria-level", "2");
    }
    for (const heading of root.querySelectorAll(".modal-ux-content h4:not([aria-level])")) {
      heading.setAttribute("aria-level", "3");
    }
    for (const pre of root.querySelectorAll("pre:not([tabindex])")) {
      pre.setAttribute("tabindex", "0");
    }
  };
  let pending = false;
  new MutationObserver(() => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        mend();
      });
    }
  }).observe(root, { childList: true, subtree: true });

  window.ui = SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    domNode: root,
    presets: [SwaggerUIBundle.presets.apis],
    plugins: [AccessibleLayout],
    layout: "AccessibleLayout",
    // Deep links put a link inside each operation's toggle button (a control in a control).
    deepLinking: false,
    // Tokens typed into "Authorize" stay in this tab only, never in localStorage.
    persistAuthorization: false,
    // The highlighter's inline colours fall below AA on its dark background; plain text.
    syntaxHighlight: false,
    // Rendered: screen readers (and the axe walk, which waits for it) may read it now.
    onComplete: () => root.removeAttribute("aria-busy"),
  });
})();
