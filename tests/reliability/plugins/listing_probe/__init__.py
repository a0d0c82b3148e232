"""Test-only plugin: appends to the file named by ``LISTING_PROBE_FILE`` the name of each
of Pelican's own tag, category and author listings that runs (the class's methods are
wrapped; the build runs in a process of its own)."""

from __future__ import annotations

from pelican.generators import ArticlesGenerator

KINDS = ("tags", "categories", "authors")


def _probe(kind: str, original):
    def generate(self, write):
        with open(self.settings["LISTING_PROBE_FILE"], "a", encoding="utf-8") as f:
            f.write(kind + "\n")
        return original(self, write)

    generate.probed = True
    return generate


def register() -> None:
    for kind in KINDS:
        name = f"generate_{kind}"
        original = getattr(ArticlesGenerator, name)
        if not getattr(original, "probed", False):
            setattr(ArticlesGenerator, name, _probe(kind, original))
