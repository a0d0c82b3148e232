/* Pagefind's worker, as the search page starts it (search.js, in place of Pagefind's own
   start): Pagefind searches in a worker, which fetches the index's files as the reader
   searches (the WebAssembly, the lists of words, each found post's text), and says
   nothing when one fails. This script watches the worker's requests, tells the page
   ({searchFailed: true}: its alert says search could not be loaded) when one fails, is
   answered with an error (a 404 of a half-uploaded publish) or with something else than
   Pagefind's file (a host's page for a missing file, answered 200), and then runs
   Pagefind's own worker script, named by ?worker= (the site's, nothing else). Pagefind
   takes its answers by their id: this message, without one, is not for it. */
(function () {
  "use strict";
  var named = new URL(self.location.href).searchParams.get("worker") || "";
  var script = new URL(named, self.location.href);
  if (script.origin !== self.location.origin || !/\/pagefind-worker\.js$/.test(script.pathname)) {
    throw new Error("not Pagefind's worker: " + named);
  }

  /* The same function as search.js's, which watches the page's requests when Pagefind
     searches in the page: keep the two alike. A fetch() that calls failed() when one of
     Pagefind's files (its entry, .pagefind, .pf_*) could not be loaded, was answered with
     an error, or is not what Pagefind's files begin with: its entry "{" (JSON), the others
     gzip (1f 8b) or "pagefind_dcd" (unpacked by the browser). A host's HTML page in its
     place made Pagefind fail ("invalid gzip data") with no word said. */
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

  self.fetch = watchedFetch(self.fetch, self, function () {
    self.postMessage({ searchFailed: true });
  });
  importScripts(script.href);
}());
