/* The search page: applies Pagefind's styles and search.css (preloaded by the page),
   then starts Pagefind's UI (pagefind/pagefind-ui.js, built into the site) in #search
   with the options of its data-* attributes, in place of the page's own box (what the
   reader typed in it, or ?q=, is searched), and starts loading the index once the page
   has loaded; if the UI's script could not be loaded, the page says so (search.html's
   alert) and Enter opens the page again with ?q=; if it has not come after SLOW_MS (a
   connection that stalls and never fails), the alert says that it is slow; if a file of
   the index that a search needs could not be loaded, or came as something else (a
   host's HTML page), the alert says that search could not be loaded (search-worker.js
   tells; searching in the page, Pagefind without its worker, watchedFetch here). Pagefind
   picks the index of the page's <html lang>; the other parts of a big site's index
   (data-merge) are searched with it, in the same language. */
(function () {
  "use strict";
  /* A post's words with "đ", spelled with "d" so that "dao tao" finds "đào tạo", end
     its indexed text (plugins/search); they are not for reading: take them out of the
     end of the excerpt, and out of the metadata the UI would list. When its worker could
     not start, Pagefind searches in the page and gives every search that finds a post
     the same object, the post's text that it keeps: what is shown is a copy (changed in
     place, the next search finding the post found the aliases gone, and showed them). */
  function dropAliases(result) {
    var shown = Object.assign({}, result, { meta: Object.assign({}, result.meta) });
    var aliases = (shown.meta.search_aliases || "").split(" ").filter(Boolean);
    delete shown.meta.search_aliases;
    if (!aliases.length || !shown.excerpt) {
      return shown;
    }
    var words = shown.excerpt.split(" ");
    while (words.length) {
      var last = words[words.length - 1].replace(/<\/?mark>/g, "").replace(/[.,;:!?]+$/, "");
      if (aliases.indexOf(last) === -1) {
        break;
      }
      words.pop();
    }
    shown.excerpt = words.join(" ");
    return shown;
  }

  var box = document.getElementById("search");
  if (!box) {
    return;
  }
  // The page's own box (search.html), there before Pagefind's UI: ?q= is put in it at
  // once (unless the reader has typed already), and its Enter waits for the UI, which
  // searches what the box holds then (without this script the form opens ?q=).
  var form = box.querySelector(".search__form");
  var early = form && form.querySelector("input");
  var query = new URLSearchParams(window.location.search).get("q") || "";
  var composing = false;
  var failed = false;
  // A connection that stalls (common on phones) neither brings Pagefind's UI nor fails:
  // the page would wait with no word said. Past SLOW_MS from here (the page's scripts
  // starting) without the UI, the alert says search is slow to load, with its Reload
  // button; the UI coming takes the words away. On Chromium's slow 3G the UI comes in
  // about 7 s: 15 s is well past that, and not so long that the reader has given up.
  var SLOW_MS = 15000;
  var slow = window.setTimeout(function () {
    slow = null;
    say("data-slow");
  }, SLOW_MS);
  if (early) {
    if (query && !early.value) {
      early.value = query;
    }
    form.addEventListener("submit", function (event) {
      if (!failed) {
        event.preventDefault();
      }
    });
    // Its Clear (a reset button, search.html) hides itself as the box empties: the focus
    // goes back to the box, for the next words (it was left on the hidden button).
    form.addEventListener("reset", function () { early.focus(); });
    early.addEventListener("compositionstart", function () { composing = true; });
    early.addEventListener("compositionend", function () { composing = false; });
  }
  var baseUrl = box.getAttribute("data-base-url");
  var lang = box.getAttribute("data-lang");
  var merged = (box.getAttribute("data-merge") || "").split(" ").filter(Boolean).map(function (bundle) {
    return { bundlePath: bundle, baseUrl: baseUrl, language: lang };
  });
  // Pagefind's styles and search.css come as <link rel="preload">: as stylesheets they
  // held the whole page back, a round trip more on a slow connection before anything
  // showed. They are applied here, and the UI is drawn once they are in (or failed),
  // never unstyled, and once its script has run (deferred after this one: it has when
  // the document's DOMContentLoaded comes).
  var styles = [].slice.call(document.querySelectorAll('link[rel="preload"][as="style"]'));
  var waiting = styles.length + 1;
  function applied() {
    waiting -= 1;
    if (waiting === 0) {
      // Deferred, Pagefind's UI script has run, or failed to load (its error event),
      // before DOMContentLoaded: without PagefindUI now, it will not come.
      if (slow !== null) {
        window.clearTimeout(slow);
        slow = null;
      }
      if (typeof window.PagefindUI === "function") {
        say(null);
        whenNotComposing();
      } else {
        notLoaded();
      }
    }
  }

  // Pagefind's UI could not be loaded (a dropped connection, a blocked request), or the
  // index's script it loads (pagefind.js, below): the box would take words and do nothing.
  // The page says so in its alert (a screen reader says it as it comes), in the page's
  // language (search.html), and its button, or Enter in the box, loads the search page
  // again with what was typed (?q=).
  // Pagefind's own words and results are hidden then (search.css, search--failed): they
  // were false ("Searching…" for ever, "No results", a result without its title), and,
  // drawn above the alert after it had come, pushed its button down under the reader's
  // thumb. The alert stays under the box, where it came.
  function notLoaded() {
    if (failed) {
      return;
    }
    failed = say("data-message");
    if (failed) {
      box.classList.add("search--failed");
    }
  }

  // Pagefind fetches the index's files as the reader searches (the WebAssembly that
  // searches, the lists of words, each found post's text), in its worker, and says
  // nothing when one fails: the reader got no results, "Searching…" for ever, or a result
  // without its title. Its worker is started from search-worker.js (data-worker), which
  // watches the worker's requests and runs Pagefind's: a request that fails (the
  // connection dropped), is answered with an error (404) or with something else than the
  // file (a host's HTML page, answered 200) makes the page say that search could not be
  // loaded, with its Reload button. (The page cannot see a worker's requests, and
  // searching in the page instead, Pagefind's noWorker, froze a phone-speed page for up
  // to 0.9 s while the reader typed.) When the worker cannot start at all, Pagefind
  // searches in the page: the page's own requests are watched the same way.
  function watchIndexRequests() {
    if (typeof window.fetch === "function") {
      window.fetch = watchedFetch(window.fetch, window, notLoaded);
    }
    var Native = window.Worker;
    var watcher = box.getAttribute("data-worker");
    if (typeof Native !== "function" || !watcher) {
      return;
    }
    var Watched = function (url, options) {
      var script = new URL(String(url), window.location.href);
      if (!/\/pagefind-worker\.js$/.test(script.pathname)) {
        return new Native(url, options);
      }
      var worker = new Native(watcher + (watcher.indexOf("?") === -1 ? "?" : "&") +
        new URLSearchParams({ worker: script.href }), options);
      worker.addEventListener("message", function (event) {
        if (event.data && event.data.searchFailed) {
          notLoaded();
        }
      });
      return worker;
    };
    Watched.prototype = Native.prototype;
    window.Worker = Watched;
  }

  /* The same function as search-worker.js's, which watches the worker's requests: keep
     the two alike. A fetch() that calls failed() when one of Pagefind's files (its entry,
     .pagefind, .pf_*) could not be loaded, was answered with an error, or is not what
     Pagefind's files begin with: its entry "{" (JSON), the others gzip (1f 8b) or
     "pagefind_dcd" (unpacked by the browser). A host's HTML page in its place made
     Pagefind fail ("invalid gzip data") with no word said. */
  function watchedFetch(fetch, scope, failed) {
    return function (input) {
      var answer = fetch.apply(scope, arguments);
      var path = new URL(String(input && input.url || input), scope.location.href).pathname;
      var entry = /\/pagefind-entry\.json$/.test(path);
      if (!entry && !/\.(pagefind|pf_[a-z]+)$/.test(path)) {
        return answer;
      }
      return answer.then(function (response) {
        if (!response.ok) {
          failed();
          return response;
        }
        response.clone().arrayBuffer().then(function (body) {
          var start = new Uint8Array(body, 0, Math.min(12, body.byteLength));
          var text = String.fromCharCode.apply(null, start);
          if (entry ? !/^\s*\{/.test(text) : !(start[0] === 0x1f && start[1] === 0x8b) && text !== "pagefind_dcd") {
            failed();
          }
        }, failed);
        return response;
      }, function (error) {
        failed();
        throw error;
      });
    };
  }

  // The alert says the message in its attribute ("data-message": search could not be
  // loaded; "data-slow": it is slow to load), in place of what it said, with its Reload
  // button; null: it says nothing (the UI came after all). Enter in the page's box still
  // waits for the UI while it is only slow: it may come yet.
  function say(attribute) {
    var alert = box.querySelector(".search__failed");
    if (!alert) {
      return false;
    }
    while (alert.firstChild) {
      alert.removeChild(alert.firstChild);
    }
    if (!attribute) {
      return false;
    }
    var message = document.createElement("p");
    message.textContent = alert.getAttribute(attribute);
    var reload = document.createElement("button");
    reload.type = "button";
    reload.className = "search__reload";
    reload.textContent = alert.getAttribute("data-reload");
    reload.addEventListener("click", function () {
      // (the box the reader has: the page's, or Pagefind's once its UI came)
      var current = box.querySelector(".pagefind-ui__search-input") || early;
      var typed = current ? current.value : "";
      if (typed.trim()) {
        window.location.assign(address(typed));
      } else {
        window.location.reload();
      }
    });
    message.appendChild(document.createTextNode(" "));
    message.appendChild(reload);
    alert.appendChild(message);
    return true;
  }
  styles.forEach(function (preload) {
    var sheet = document.createElement("link");
    sheet.rel = "stylesheet";
    sheet.href = preload.href;
    sheet.addEventListener("load", applied);
    sheet.addEventListener("error", applied);
    document.head.appendChild(sheet);
  });
  document.addEventListener("DOMContentLoaded", applied);

  // A word being composed (Vietnamese typed with Telex or VNI, a phone's keyboard
  // suggesting) is finished in the page's box before the UI's takes its place.
  function whenNotComposing() {
    if (!composing) {
      start();
      return;
    }
    early.addEventListener("compositionend", function () {
      window.setTimeout(start, 0);
    }, { once: true });
  }

  // The search page's address for what the box holds: ?q= with the words (/tim-kiem/?q=dao+tao),
  // the bare address for a box with none. The address follows the box (remember), and the
  // alert's Reload button opens it.
  function address(words) {
    return window.location.pathname + (words.trim() ? "?" + new URLSearchParams({ q: words }) : "");
  }

  function remember(words) {
    if (!window.history.replaceState) {
      return;
    }
    var wanted = address(words);
    if (wanted !== window.location.pathname + window.location.search) {
      window.history.replaceState(window.history.state, "", wanted);
    }
  }

  function start() {
    if (typeof window.PagefindUI !== "function") {
      return;
    }
    // What the reader typed in the page's box, and where: Pagefind's box takes them.
    var typed = early ? early.value : query;
    var focused = early && document.activeElement === early;
    var caret = focused ? [early.selectionStart, early.selectionEnd, early.selectionDirection] : null;
    watchIndexRequests();
    var ui = new window.PagefindUI({
      element: "#search",
      bundlePath: box.getAttribute("data-bundle"),
      baseUrl: baseUrl,
      mergeIndex: merged,
      showImages: false,
      showSubResults: false,
      processResult: dropAliases
    });
    // The UI put its box after the page's, in the same place and size: the page's goes
    // before the browser draws again (nothing moves).
    if (form) {
      form.parentNode.removeChild(form);
    }
    var alert = box.querySelector(".search__failed");
    if (alert) {
      box.appendChild(alert);
    }
    // The page's heading ("Search", the word a voice-control user says) and its line
    // above the box name the search field, as they named the page's own.
    var input = box.querySelector(".pagefind-ui__search-input");
    if (input) {
      input.setAttribute("aria-labelledby", "search-title search-label");
      input.value = typed;
      if (caret) {
        input.focus();
        input.setSelectionRange(caret[0], caret[1], caret[2]);
      }
      // The page's address follows the box (?q=): back from a result, or a reload, searches
      // the same words again (the browser put them back in the box, and nothing searched them).
      // Pagefind empties the box itself (its Clear, Escape) without the input event: the
      // address also follows the box whenever Pagefind draws again (below).
      remember(typed);
      input.addEventListener("input", function () { remember(input.value); });
      // Pagefind's Clear (its form's button) empties the box and takes the focus out of it,
      // left on the button it then hides: the focus goes back to the box, for the next
      // words, once Pagefind has emptied it.
      if (input.form) {
        input.form.addEventListener("click", function (event) {
          if (event.target.closest && event.target.closest("button")) {
            Promise.resolve().then(function () {
              if (!input.value) {
                input.focus();
              }
            });
          }
        });
      }
    }
    // Pagefind's line "5 results for …" changes with each query but is no live region:
    // a screen reader said nothing while results came. A status line of the page's own
    // repeats it (nothing once search could not be loaded: the alert says so). Each time
    // Pagefind draws (an emptied box hides its results and its Clear: classes change), the
    // address follows the box too.
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    box.parentNode.insertBefore(status, box.nextSibling);
    // Pagefind's "Load more results" shows the next five and, the last of them shown, is
    // taken away with the focus on it: the focus fell to the page itself, the next Tab
    // went to the footer past the new results, and a screen reader lost its place. The
    // focus goes to the first new result's link once Pagefind has drawn it (more: how
    // many results were shown when the button was pressed, counted before Pagefind's own
    // click draws the next ones; new words typed forget it).
    var more = null;
    box.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest(".pagefind-ui__button")) {
        more = box.querySelectorAll(".pagefind-ui__result").length;
      }
    }, true);
    if (input) {
      input.addEventListener("input", function () { more = null; });
    }
    if (window.MutationObserver) {
      new MutationObserver(function () {
        var message = box.querySelector(".pagefind-ui__message");
        var text = message && !failed ? message.textContent.trim() : "";
        if (status.textContent !== text) {
          status.textContent = text;
        }
        if (input) {
          remember(input.value);
        }
        if (more !== null) {
          var next = box.querySelectorAll(".pagefind-ui__result")[more];
          var link = next && next.querySelector("a.pagefind-ui__result-link");
          if (link) {
            more = null;
            link.focus();
          }
        }
      }).observe(box, { childList: true, subtree: true, characterData: true, attributes: true,
                        attributeFilter: ["class"] });
    }
    // Pagefind's UI loads the index (its script, the index's list of words, the WebAssembly
    // that searches it) when the box first gets the focus, so on a slow connection the
    // first results waited for all of it after the reader had typed. Start it once the page
    // has loaded: the UI's own focus handler, without moving the focus (no keyboard pops up).
    // The UI says nothing if the index's script could not be loaded: the same import,
    // fetched once (one module for the page), tells.
    function loadIndex() {
      if (input) {
        input.dispatchEvent(new FocusEvent("focus"));
      }
      import(box.getAttribute("data-bundle") + "pagefind.js").catch(notLoaded);
    }
    if (document.readyState === "complete") {
      loadIndex();
    } else {
      window.addEventListener("load", loadIndex);
    }
    if (typed) {
      ui.triggerSearch(typed);
    }
  }
}());
