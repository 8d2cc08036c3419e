"""scrapelint: a content-quality linter for scraped articles.

The engine knows no rule by name: rule packs are pluggy plugins found through the entry-point group
``scrapelint`` (see ``scrapelint.hookspecs``).
"""

__version__ = "0.1.0"

from scrapelint.hookspecs import hookimpl  # noqa: E402  - the marker plugins import

__all__ = ["__version__", "hookimpl"]
