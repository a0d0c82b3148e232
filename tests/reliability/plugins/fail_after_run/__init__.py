"""Test plugin: the build runs and its site is put in place, then Pelican's ``run``
raises (as a plugin wrapping it could): Pelican logs the error and exits with 1."""

from pelican import signals


def fail_after(run):
    def wrapper():
        run()
        raise RuntimeError("fail_after_run: failing after the site was put in place")

    return wrapper


def on_initialized(pelican) -> None:
    pelican.run = fail_after(pelican.run)


def register() -> None:
    signals.initialized.connect(on_initialized)
