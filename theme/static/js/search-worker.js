/* Pagefind's worker, as the search page starts it (search.js, in place of Pagefind's own
   start): Pagefind searches in a worker, which fetches the index's files as the reader
   searches (the WebAssembly, the lists of words, each found post's text), and says
   nothing when one fails. This script watches the worker's requests, tells the page
   ({searchFailed: true}: its alert says search could not be loaded) when one fails or
   is answered with an error (a 404 of a half-uploaded publish), and then runs Pagefind's
   own worker script, named by ?worker= (the site's, nothing else). Pagefind takes its
   answers by their id: this message, without one, is not for it. */
(function () {
  "use strict";
  var named = new URL(self.location.href).searchParams.get("worker") || "";
  var script = new URL(named, self.location.href);
  if (script.origin !== self.location.origin || !/\/pagefind-worker\.js$/.test(script.pathname)) {
    throw new Error("not Pagefind's worker: " + named);
  }
  var fetch = self.fetch;
  function failed() {
    self.postMessage({ searchFailed: true });
  }
  self.fetch = function () {
    return fetch.apply(self, arguments).then(function (response) {
      if (!response.ok) {
        failed();
      }
      return response;
    }, function (error) {
      failed();
      throw error;
    });
  };
  importScripts(script.href);
}());
