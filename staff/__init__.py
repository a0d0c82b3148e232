"""Tools for the people who write the site: new posts, checks, preview, publishing.

The invoke tasks in ``tasks.py`` are thin wrappers around these modules:

- ``new.py``        ``invoke new``: a post folder with a metadata skeleton
- ``check.py``      ``invoke check``: lint the content without building
  (``content.py`` reads it, ``links.py`` finds links, ``linkcheck.py`` resolves them,
  ``report.py`` prints the problems)
- ``preview.py``    ``invoke livereload``: rebuild on save and reload the browser
- ``publish.py``    ``invoke publish`` / ``invoke gh-pages``: build, then deploy
- ``build.py``      running Pelican into a fresh folder
- ``project.py``    where things are, and the site's settings
"""
