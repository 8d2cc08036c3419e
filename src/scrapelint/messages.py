"""What the command line says besides the report: exit codes, warnings and errors, on stderr."""

from __future__ import annotations

import sys

EXIT_CLEAN = 0  # no findings (or --exit-zero)
EXIT_FINDINGS = 1  # findings remain
EXIT_ERROR = 2  # a usage or configuration error, or a file that could not be read or written


def print_warning(message: str) -> None:
    sys.stderr.write(f"scrapelint: warning: {message}\n")


def print_error(message: str) -> None:
    sys.stderr.write(f"scrapelint: error: {message}\n")
