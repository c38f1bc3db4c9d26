"""Consensus Map: map a B2B buying committee and see who could sink the deal."""

from __future__ import annotations

DISTRIBUTION = "consensus-map"


def version() -> str:
    """The installed package's version, from its metadata (pyproject.toml is the one place
    it is written); "0+unknown" when run from a source tree that was never installed.

    Read on demand: importlib.metadata costs the headless commands' start-up ~10 ms.
    """
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed_version

    try:
        return installed_version(DISTRIBUTION)
    except PackageNotFoundError:
        return "0+unknown"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
