// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";

  // Alerts: show the close buttons (hidden without JavaScript) and let them dismiss their alert.
  document.querySelectorAll("[data-dismiss='alert']").forEach(function (button) {
    button.hidden = false;
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-dismiss='alert']");
    if (!button) return;
    var alert = button.closest(".alert");
    if (alert) alert.remove();
  });

  // Inputs that ask the server as one types (data-query-param="q"): send the typed text under
  // that name. In place of htmx's `js:` values, which the Content-Security-Policy (no eval)
  // does not allow.
  document.addEventListener("htmx:configRequest", function (event) {
    var name = event.detail.elt.getAttribute("data-query-param");
    if (name) event.detail.parameters[name] = event.detail.elt.value;
  });

  // The header's menu folds into the Menu button wherever its words do not fit beside the
  // brand: how long they are depends on the language. Without JavaScript, CSS folds it at fixed
  // widths (site.css).
  var header = document.querySelector(".site-header");
  function fitHeader() {
    if (!header) return;
    var inner = header.querySelector(".header-inner");
    header.classList.remove("nav-folded");
    if (inner.scrollWidth > inner.clientWidth) header.classList.add("nav-folded");
  }
  fitHeader();
  window.addEventListener("resize", fitHeader);
  if (document.fonts) document.fonts.ready.then(fitHeader);

  // The phone menu (a <details>): close it with Escape or a click outside it.
  var menu = document.querySelector(".nav-mobile");
  if (!menu) return;
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (menu.open && !menu.contains(event.target)) menu.open = false;
  });
})();
