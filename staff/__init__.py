"""Tools for the people who write the site: new posts, checks, preview, publishing.

The invoke tasks in ``tasks.py`` pass their options on to these modules (``clean`` and
``test`` do their small work in ``tasks.py`` itself):

- ``new.py``        ``invoke new``: a post folder with a metadata skeleton
- ``check.py``      ``invoke check``: lint the content without building
  (``content.py`` reads it, ``links.py`` finds links, ``linkcheck.py`` resolves them,
  ``report.py`` prints the problems)
- ``preview.py``    ``invoke livereload``: rebuild on save and reload the browser
  (``warm.py`` keeps a build process warm, ``quick.py`` shows a saved post at once)
- ``serve.py``      ``invoke serve``: the built site as a static host serves it
- ``publish.py``    ``invoke publish`` / ``invoke gh-pages``: build, then deploy
- ``build.py``      running Pelican into a fresh folder
- ``project.py``    where things are, and the site's settings
"""
