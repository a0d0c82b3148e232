"""Import saved pages of the old Joomla site as post folders in the content format.

    python -m importer PATH... [--dest content] [--force] [--dry-run] [--map FILE]

Stages, one module each: ``encoding`` (bytes to text), ``joomla`` (the article in the
page), ``dates`` (the publication date and its fallbacks), ``photos`` (figures and the
gallery), ``body`` (the body's blocks, its sign-off line taken as ``Author``),
``markdown`` (the body as Markdown), ``sections`` (old section names to section
folders), ``post`` (one page to one post), ``writer`` (the post folder), ``report``
(messages and the summary) and ``cli``; ``text`` holds the plain-text helpers they share,
``errors`` their exceptions, ``tasks`` the ``invoke import-html`` task.
"""

__all__ = ["main"]


def main(argv=None) -> int:
    """Run the importer's command line; returns the exit status."""
    from .cli import main as cli_main

    return cli_main(argv)
