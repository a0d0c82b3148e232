/* Stands in for pagefind.js on the search page of a site whose index is made in parts
   (plugins/search writes it to pagefind/parts/<language>/pagefind.js, after the two
   lines naming the language's first part, which it re-exports).

   Pagefind searches each part on its own and, in a part where one of the words is not
   indexed at all, leaves that word out: "tet nguyen dan" would also list, from a part
   without "tet" and "nguyen", every post with "dan" (Pagefind issue #329). One index
   for the whole site lists only posts holding every word it knows. So a search for
   several words is run once more per word (its chunks are loaded already), and only
   the posts found by every word that is found anywhere are kept; when none hold them
   all, the results stay as Pagefind gave them (one index, too, answers loosely then).
   A quoted phrase is left to Pagefind. */
export async function search(term, options) {
  const found = await pagefind.search(term, options);
  const words = typeof term === "string" && term.indexOf('"') === -1
    ? term.trim().split(/\s+/).filter(Boolean) : [];
  if (!found || !found.results || words.length < 2) {
    return found;
  }
  const alone = await Promise.all(words.map((word) => pagefind.search(word, options)));
  const holding = alone.filter((each) => each && each.results && each.results.length)
    .map((each) => new Set(each.results.map((result) => result.id)));
  const kept = found.results.filter((result) => holding.every((ids) => ids.has(result.id)));
  if (kept.length) {
    found.results = kept;
  }
  return found;
}
