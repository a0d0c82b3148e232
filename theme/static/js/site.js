/* Progressive enhancement only: every link works without this file. Loaded with
   `defer`; no inline script, style or event-handler attribute is needed, as the site's
   CSP requires.
   - "Copy link" (a[data-copy]) copies the post's address and says so in the share box's
     status line, in the page's language (data-copied); so do the RSS and Atom links of
     the page of feeds (in the status line of their row) and of a listing ("Theo dõi mục
     này", partials/feed_links.html).
   - A YouTube video in a post is its picture, linked to YouTube (a.video[data-embed],
     plugins/reader/embeds.py): a tap puts the player there, playing.
   - "Other apps" (a[data-share], hidden) is shown where the browser has a share sheet
     (navigator.share: phones) and opens it with the post's title and address. */
(function () {
  "use strict";

  function plainClick(event) {
    return event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
  }

  function target(event, selector) {
    return event.target.closest ? event.target.closest(selector) : null;
  }

  document.addEventListener("click", function (event) {
    var link = target(event, "a.video[data-embed]");
    if (!link || !plainClick(event) || !link.replaceWith) {
      return; // Without the player's place taken, the link opens the video on YouTube.
    }
    event.preventDefault();
    var src = link.getAttribute("data-embed");
    var picture = link.querySelector("img");
    var frame = document.createElement("iframe");
    frame.src = src + (src.indexOf("?") < 0 ? "?" : "&") + "autoplay=1";
    frame.title = picture ? picture.alt : "YouTube";
    frame.width = "560";
    frame.height = "315";
    frame.allow = "accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    link.replaceWith(frame);
    frame.focus();
  });

  // Links that act rather than lead are buttons, said so to screen readers and pressed
  // with Space as a button is (Space scrolled the page).
  function asButtons(selector) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), function (link) {
      link.setAttribute("role", "button");
    });
    document.addEventListener("keydown", function (event) {
      var link = target(event, selector);
      if (link && (event.key === " " || event.key === "Spacebar")) {
        event.preventDefault();
        link.click();
      }
    });
  }

  if (typeof navigator.share === "function") {
    asButtons("a[data-share]");
    Array.prototype.forEach.call(document.querySelectorAll("a[data-share]"), function (link) {
      link.parentNode.hidden = false;
    });
    document.addEventListener("click", function (event) {
      var link = target(event, "a[data-share]");
      if (!link || !plainClick(event)) {
        return;
      }
      event.preventDefault();
      navigator.share({ title: link.getAttribute("data-share-title") || document.title,
                        url: link.getAttribute("data-share") }).catch(function () {});
    });
  }

  if (!navigator.clipboard || !window.isSecureContext) {
    return; // The copy link stays a plain link to the post: long-press or right-click to copy.
  }

  var timer;

  // With the script the link copies instead of leading anywhere.
  asButtons("a[data-copy]");

  document.addEventListener("click", function (event) {
    var link = target(event, "a[data-copy]");
    if (!link || !plainClick(event)) {
      return;
    }
    event.preventDefault();
    var box = link.closest(".share, .feed-list li, .feed-links");
    var status = box ? box.querySelector("[role=status]") : null;
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
