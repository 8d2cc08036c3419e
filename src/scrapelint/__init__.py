"""scrapelint: a content-quality linter for scraped articles.

The engine knows no rule by name: rule packs are pluggy plugins found through the entry-point group
``scrapelint`` (see ``scrapelint.hookspecs``).
"""

__version__ = "0.1.0"

from scrapelint.hookspecs import hookimpl  # noqa: E402  - the marker plugins import

__all__ = ["__version__", "fix_text", "hookimpl", "lint_text"]


def __getattr__(name: str):
    # The library API loads on first use, so that `import scrapelint` (every plugin does it) stays cheap.
    if name in ("lint_text", "fix_text"):
        from scrapelint import api

        return getattr(api, name)
    raise AttributeError(f"module 'scrapelint' has no attribute {name!r}")
