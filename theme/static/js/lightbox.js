/* Photo lightbox: a click on a figure in the text or on a gallery thumbnail shows the
 * photo large, with its caption, in a modal dialog. Esc closes; the arrow keys, the
 * buttons and a swipe move between all the photos of the page (figures first, in text
 * order, then the gallery); focus stays in the dialog and returns to the photo on close.
 *
 * Reads the markup the photos plugin writes (a.figure__link around each figure's
 * <picture>) and theme/templates/partials/gallery.html (a.gallery__link thumbnails with
 * data-srcset and data-webp-srcset), and the dialog's labels from the first element with
 * data-lightbox-* labels (the gallery, or the first figure of a post without one), in the
 * page's language. The dialog's image gets the WebP srcset: every browser with <dialog>
 * decodes WebP. Without this script (or without <dialog> support) every figure and
 * thumbnail is a plain link to the large JPEG. Loaded with `defer`; no library. */
(function () {
  "use strict";

  var SWIPE_MIN = 40; // pixels of horizontal travel that count as a swipe
  var LINKS = "a.figure__link, a.gallery__link";

  function items(links) {
    return links.map(function (link) {
      var img = link.querySelector("img");
      var webp = link.querySelector("source[type='image/webp']");
      var figure = link.closest("figure");
      var caption = figure ? figure.querySelector("figcaption") : null;
      return {
        href: link.href,
        // A gallery link names its large renditions; a figure's <picture> holds them.
        srcset: link.getAttribute("data-webp-srcset") || (webp ? webp.getAttribute("srcset") : "") ||
          link.getAttribute("data-srcset") || (img ? img.getAttribute("srcset") || "" : ""),
        width: parseInt(link.getAttribute("data-width"), 10) || 0,
        height: parseInt(link.getAttribute("data-height"), 10) || 0,
        alt: img ? img.getAttribute("alt") || "" : "",
        thumb: img,
        caption: caption ? caption.textContent.trim() : ""
      };
    });
  }

  function load(img, photo) {
    img.sizes = "100vw";
    if (photo.srcset) {
      img.srcset = photo.srcset;
    }
    img.src = photo.href;
  }

  // The photo as the reader already sees it on the page (the tapped thumbnail, the
  // figure), when the browser has it: shown at once while the large one loads.
  function onPage(photo) {
    var img = photo.thumb;
    return img && img.complete && img.naturalWidth ? img.currentSrc || img.src : "";
  }

  function button(className, text, label) {
    var el = document.createElement("button");
    el.type = "button";
    el.className = "lightbox__button " + className;
    el.textContent = text;
    if (label) {
      el.setAttribute("aria-label", label);
      el.title = label;
    }
    return el;
  }

  function setup(links, data) {
    var photos = items(links);
    var dialog = null;
    var parts = {};
    var index = 0;
    var showing = 0; // counts the photos shown: a large photo that arrives late is for an old one
    var opener = null;
    var touch = null;

    function build() {
      dialog = document.createElement("dialog");
      dialog.className = "lightbox";
      dialog.setAttribute("aria-modal", "true");
      dialog.setAttribute("aria-label", data.lightboxLabel || "");

      parts.close = button("lightbox__close", data.lightboxClose || "×");
      parts.prev = button("lightbox__prev", "‹", data.lightboxPrev);
      parts.next = button("lightbox__next", "›", data.lightboxNext);
      var figure = document.createElement("figure");
      figure.className = "lightbox__figure";
      parts.image = document.createElement("img");
      parts.image.className = "lightbox__image";
      parts.image.decoding = "async";
      parts.caption = document.createElement("figcaption");
      parts.caption.className = "lightbox__caption";
      // The arrows stand beside the photo, halfway down it: halfway down the screen
      // they covered the caption's first line where large text made it tall.
      var stage = document.createElement("div");
      stage.className = "lightbox__stage";
      stage.appendChild(parts.image);
      stage.appendChild(parts.prev);
      stage.appendChild(parts.next);
      figure.appendChild(stage);
      figure.appendChild(parts.caption);
      parts.count = document.createElement("p");
      parts.count.className = "lightbox__count";
      parts.count.setAttribute("aria-live", "polite");

      // The close button comes first: it gets the focus when the dialog opens.
      dialog.appendChild(parts.close);
      dialog.appendChild(figure);
      dialog.appendChild(parts.count);
      if (photos.length < 2) {
        parts.prev.hidden = true;
        parts.next.hidden = true;
      }

      parts.close.addEventListener("click", close);
      parts.prev.addEventListener("click", function () { show(index - 1); });
      parts.next.addEventListener("click", function () { show(index + 1); });
      dialog.addEventListener("keydown", onKey);
      dialog.addEventListener("cancel", function (event) {
        event.preventDefault(); // Esc: close our way, so focus is restored the same way
        close();
      });
      dialog.addEventListener("close", onClosed);
      dialog.addEventListener("click", function (event) {
        if (event.target === dialog || event.target === figure || event.target === stage) {
          close(); // a click on the black around the photo and its caption
        }
      });
      dialog.addEventListener("touchstart", function (event) {
        if (event.touches.length === 1) {
          touch = { x: event.touches[0].clientX, y: event.touches[0].clientY };
        }
      }, { passive: true });
      dialog.addEventListener("touchend", function (event) {
        if (!touch || !event.changedTouches.length) {
          return;
        }
        var dx = event.changedTouches[0].clientX - touch.x;
        var dy = event.changedTouches[0].clientY - touch.y;
        touch = null;
        if (Math.abs(dx) >= SWIPE_MIN && Math.abs(dx) > Math.abs(dy) * 1.5) {
          show(dx < 0 ? index + 1 : index - 1);
        }
      }, { passive: true });
      document.body.appendChild(dialog);
    }

    function show(at) {
      index = (at + photos.length) % photos.length;
      var photo = photos[index];
      var img = parts.image;
      var shown = ++showing;
      img.removeAttribute("src"); // do not show the previous photo while this one loads
      img.removeAttribute("srcset");
      img.removeAttribute("sizes");
      if (photo.width && photo.height) {
        img.width = photo.width;
        img.height = photo.height;
        // The photo's box, from its shape, before any of it arrives (photos.css): the
        // caption does not jump down when it does. (A property set by this script, not
        // a style attribute in the markup: the Content-Security-Policy allows it.)
        img.style.setProperty("--lightbox-ratio", (photo.width / photo.height).toFixed(5));
      } else {
        img.removeAttribute("width");
        img.removeAttribute("height");
        img.style.removeProperty("--lightbox-ratio");
      }
      img.alt = photo.alt;
      var small = onPage(photo);
      if (small) {
        // The thumbnail, from the browser's cache, fills the box at once; the large
        // photo replaces it when it has arrived and is decoded, never a blank box between.
        img.src = small;
        var large = new Image();
        load(large, photo);
        var swap = function () {
          if (shown === showing) {
            load(img, photo);
          }
        };
        (large.decode ? large.decode() : Promise.reject()).then(swap, function () {
          if (large.complete) {
            swap(); // decode() refused (a broken file, an old browser): the browser shows what it can
          } else {
            large.addEventListener("load", swap);
            large.addEventListener("error", swap);
          }
        });
      } else {
        load(img, photo);
      }
      parts.caption.textContent = photo.caption;
      parts.caption.hidden = !photo.caption;
      // The count is read aloud as each photo opens: with what the photo shows (its
      // caption, else its alt text), not the number alone.
      parts.count.textContent = photos.length > 1 ? (index + 1) + " / " + photos.length : "";
      var said = photo.caption || photo.alt;
      if (said) {
        var words = document.createElement("span");
        words.className = "visually-hidden";
        words.textContent = (photos.length > 1 ? ": " : "") + said;
        parts.count.appendChild(words);
      }
      preload(index + 1);
      preload(index - 1);
    }

    function preload(at) {
      if (photos.length > 1) {
        load(new Image(), photos[(at + photos.length) % photos.length]);
      }
    }

    function open(at, link) {
      if (!dialog) {
        build();
      }
      opener = link;
      show(at);
      if (!dialog.open) {
        dialog.showModal();
        document.documentElement.classList.add("lightbox-open");
      }
      parts.close.focus();
    }

    function close() {
      if (dialog && dialog.open) {
        dialog.close();
      }
    }

    function onClosed() {
      document.documentElement.classList.remove("lightbox-open");
      if (opener && document.contains(opener)) {
        opener.focus();
      }
    }

    function focusable() {
      return [parts.close, parts.prev, parts.next].filter(function (el) { return !el.hidden; });
    }

    function onKey(event) {
      if (event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      switch (event.key) {
        case "Escape":
          event.preventDefault();
          close();
          break;
        case "ArrowLeft":
          event.preventDefault();
          show(index - 1);
          break;
        case "ArrowRight":
          event.preventDefault();
          show(index + 1);
          break;
        case "Home":
          event.preventDefault();
          show(0);
          break;
        case "End":
          event.preventDefault();
          show(photos.length - 1);
          break;
        case "Tab": {
          // Keep the focus among the dialog's buttons.
          var order = focusable();
          var at = order.indexOf(document.activeElement);
          var next = event.shiftKey ? at - 1 : at + 1;
          event.preventDefault();
          order[(next + order.length) % order.length].focus();
          break;
        }
        default:
          break;
      }
    }

    document.addEventListener("click", function (event) {
      // Let modified clicks (new tab, new window) and other buttons through.
      if (event.defaultPrevented || event.button !== 0 || event.altKey || event.ctrlKey ||
          event.metaKey || event.shiftKey) {
        return;
      }
      var link = event.target.closest ? event.target.closest(LINKS) : null;
      var at = link ? links.indexOf(link) : -1;
      if (at < 0) {
        return;
      }
      event.preventDefault();
      open(at, link);
    });
  }

  function init() {
    if (typeof document.createElement("dialog").showModal !== "function") {
      return; // an old browser: the thumbnails stay plain links
    }
    var links = Array.prototype.slice.call(document.querySelectorAll(LINKS));
    if (links.length) {
      var labels = document.querySelector("[data-lightbox-label]");
      setup(links, labels ? labels.dataset : {});
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
