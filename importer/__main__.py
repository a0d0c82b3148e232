"""``python -m importer PATH...``: see ``importer.cli``."""

from .cli import main

raise SystemExit(main())
