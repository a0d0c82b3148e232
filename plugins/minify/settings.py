"""Settings of the minify plugin, with their defaults (documented in README)."""

from __future__ import annotations

DEFAULTS: dict = {
    # Minify the written HTML, CSS and JS. Off for previews (readable output); on in
    # publishconf.py.
    "MINIFY": False,
    # Folders of the output (relative, ending in "/") left as they are: Pagefind's
    # bundle is minified already, and its index files are not text.
    "MINIFY_EXCLUDE": ["pagefind/"],
}


def read(settings: dict) -> dict:
    """Validate and return this plugin's settings merged over the defaults."""
    merged = {key: settings.get(key, value) for key, value in DEFAULTS.items()}
    problems = []
    if not isinstance(merged["MINIFY"], bool):
        problems.append(f"Setting 'MINIFY': expected True or False, but received: {merged['MINIFY']!r}")
    exclude = merged["MINIFY_EXCLUDE"]
    if isinstance(exclude, str) or not all(
            isinstance(p, str) and p.endswith("/") and not p.startswith("/") for p in exclude):
        problems.append("Setting 'MINIFY_EXCLUDE': expected a list of folders inside the "
                        f"output ending in '/', e.g. ['pagefind/'], but received: {exclude!r}")
    if problems:
        raise ValueError("; ".join(problems))
    return merged
