// Progressive enhancement for the steps formset: "Add a step" and move up/down buttons.
// Without JavaScript the form works as is (an empty step at the end, ORDER and DELETE fields).
(function () {
  const container = document.getElementById("steps");
  const template = document.getElementById("step-template");
  if (!container || !template) return;
  const prefix = container.dataset.prefix;
  const total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
  const script = document.currentScript;
  const addButton = document.querySelector("[data-add-step]");

  function renumber() {
    container.querySelectorAll("[data-step-form]").forEach(function (fieldset, i) {
      const order = fieldset.querySelector("input[name$='-ORDER']");
      if (order) order.value = i + 1;
    });
  }

  function addMoveButtons(fieldset) {
    const bar = document.createElement("div");
    bar.className = "btn-group btn-group-sm mb-2";
    [["up", script.dataset.up], ["down", script.dataset.down]].forEach(function (pair) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-outline-secondary";
      button.textContent = pair[1];
      button.addEventListener("click", function () {
        const sibling = pair[0] === "up" ? fieldset.previousElementSibling : fieldset.nextElementSibling;
        if (!sibling) return;
        if (pair[0] === "up") container.insertBefore(fieldset, sibling);
        else container.insertBefore(sibling, fieldset);
        renumber();
      });
      bar.appendChild(button);
    });
    fieldset.insertBefore(bar, fieldset.children[1]);
  }

  container.querySelectorAll("[data-step-form]").forEach(addMoveButtons);
  addButton.classList.remove("d-none");
  addButton.addEventListener("click", function () {
    const index = parseInt(total.value, 10);
    const html = template.innerHTML.replace(/__prefix__/g, String(index));
    container.insertAdjacentHTML("beforeend", html);
    total.value = index + 1;
    const fieldset = container.lastElementChild;
    addMoveButtons(fieldset);
    renumber();
    fieldset.querySelector("textarea").focus();
  });
})();
