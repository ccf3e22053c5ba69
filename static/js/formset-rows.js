// "Add another row" for Django formsets: copies the empty row kept in a <template>, numbers it,
// and counts it in the management form's TOTAL_FORMS. Without this file the same button submits
// the form, and the server shows it again with one more row.
(function () {
  "use strict";

  function addRow(button) {
    var rows = document.getElementById(button.getAttribute("data-add-row"));
    var template = document.getElementById(button.getAttribute("data-row-template"));
    var prefix = button.getAttribute("data-row-prefix");
    var form = button.form;
    var total = form.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var max = form.querySelector("input[name='" + prefix + "-MAX_NUM_FORMS']");
    if (!rows || !template || !total) return;
    var index = parseInt(total.value, 10) || 0;
    if (max && index >= parseInt(max.value, 10)) return;
    var html = template.innerHTML
      .replace(/__prefix__/g, String(index))
      .replace(/__number__/g, String(index + 1));
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    rows.appendChild(row);
    total.value = String(index + 1);
    if (window.htmx) window.htmx.process(row);
    var first = row.querySelector("input, select, textarea");
    if (first) first.focus();
    var status = document.getElementById(rows.id + "-status");
    if (status) status.textContent = row.querySelector("legend").textContent.trim();
    if (max && index + 1 >= parseInt(max.value, 10)) button.hidden = true;
  }

  document.querySelectorAll("[data-add-row]").forEach(function (button) {
    // With this file the button only adds a row; pressing Enter in a field still saves.
    button.type = "button";
    button.addEventListener("click", function () {
      addRow(button);
    });
  });
})();
