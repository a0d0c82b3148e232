/* Progressive enhancement only: every link works without this file.
   "Copy link" (a[data-copy]) copies the post's address and says so in the share box's
   status line, in the page's language (data-copied). Loaded with `defer`; no inline
   script, style or event-handler attribute is needed, as the site's CSP requires. */
(function () {
  "use strict";

  if (!navigator.clipboard || !window.isSecureContext) {
    return; // The link stays a plain link to the post: long-press or right-click to copy.
  }

  var timer;

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-copy]") : null;
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    var box = link.closest(".share");
    var status = box ? box.querySelector(".share__status") : null;
    navigator.clipboard.writeText(link.getAttribute("data-copy")).then(function () {
      if (!status) {
        return;
      }
      status.textContent = link.getAttribute("data-copied") || "";
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { status.textContent = ""; }, 5000);
    }, function () {
      // Copy refused (permissions): show the address so it can be copied by hand.
      if (status) {
        status.textContent = link.getAttribute("data-copy");
      }
    });
  });
})();
