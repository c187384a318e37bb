// Progressive enhancement for the steps formset: "Add a step", drag to reorder (SortableJS,
// by the handle) and Move up/down buttons for keyboards. Without JavaScript the form works as
// is: each step opens on click (<details>), ORDER numbers reorder, DELETE removes.
(function () {
  const container = document.getElementById("steps");
  const template = document.getElementById("step-template");
  if (!container || !template) return;
  const prefix = container.dataset.prefix;
  const total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
  const script = document.currentScript;
  const addButton = document.querySelector("[data-add-step]");
  const help = document.querySelector("[data-steps-help]");
  if (help && script.dataset.help) help.textContent = script.dataset.help;

  function renumber() {
    container.querySelectorAll("[data-step-form]").forEach(function (row, i) {
      const order = row.querySelector("input[name$='-ORDER']");
      if (order) order.value = i + 1;
    });
  }

  function addMoveButtons(row) {
    const bar = document.createElement("div");
    bar.className = "btn-group btn-group-sm ms-auto flex-shrink-0 text-nowrap";
    [["up", script.dataset.up], ["down", script.dataset.down]].forEach(function (pair) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-outline-secondary";
      button.textContent = pair[1];
      button.dataset.move = pair[0];
      button.addEventListener("click", function () {
        const sibling = pair[0] === "up" ? row.previousElementSibling : row.nextElementSibling;
        if (!sibling) return;
        if (pair[0] === "up") container.insertBefore(row, sibling);
        else container.insertBefore(sibling, row);
        renumber();
        button.focus();
      });
      bar.appendChild(button);
    });
    row.querySelector("[data-step-bar]").appendChild(bar);
    // The order is kept by the script now: its numbers would only confuse.
    const order = row.querySelector(".step-order");
    if (order) order.classList.add("d-none");
  }

  container.querySelectorAll("[data-step-form]").forEach(addMoveButtons);
  if (window.Sortable) {
    window.Sortable.create(container, {
      handle: ".step-handle",
      draggable: "[data-step-form]",
      animation: 150,
      onEnd: renumber,
    });
  }
  addButton.classList.remove("d-none");
  addButton.addEventListener("click", function () {
    const index = parseInt(total.value, 10);
    const html = template.innerHTML.replace(/__prefix__/g, String(index));
    container.insertAdjacentHTML("beforeend", html);
    total.value = index + 1;
    const row = container.lastElementChild;
    addMoveButtons(row);
    renumber();
    row.querySelector("textarea").focus();
  });
})();
