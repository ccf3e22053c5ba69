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
