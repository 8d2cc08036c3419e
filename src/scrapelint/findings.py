"""What a rule reports: a Finding, and the Fix (a list of Edits) that may come with it.

Everything here is a plain, picklable value: findings cross process boundaries (worker pools, caches,
pipeline steps) and are rendered by reporters that never see the Document again. Treat them as
immutable once a rule has returned them. They are not frozen dataclasses only because a frozen
dataclass is built through object.__setattr__, four times slower, and a seed article can yield a
dozen findings (see benchmarks/rules.py); the engine fills in a finding's location in place.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(str, enum.Enum):
    """How sure a fix is. Unsafe fixes change or infer content and only run with --unsafe-fixes."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(slots=True)
class Edit:
    """Replace text[start:end] with ``content``. Offsets are code-point indices into Document.text."""

    start: int
    end: int
    content: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid edit span {self.start}..{self.end}")

    @classmethod
    def delete(cls, start: int, end: int) -> Edit:
        return cls(start, end, "")

    @classmethod
    def insert(cls, at: int, content: str) -> Edit:
        return cls(at, at, content)


@dataclass(slots=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    message: str = ""
    # Write the file in this encoding from now on (a transcoding fix); None keeps the file's encoding.
    encoding: str | None = None
    # What works out the edits, for a fix whose edits are costly and whose existence is certain (see
    # ``Fix.deferred``); None once they are known. Called at most once, while the document is alive.
    later: Callable[[], Iterable[Edit]] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def deferred(cls, message: str, applicability: Applicability, produce: Callable[[], Iterable[Edit]]) -> Fix:
        """A fix whose edits ``produce`` works out only when someone needs them: --fix, --diff or a
        format that shows edits. A report that only says a fix exists (the terminal's) never pays for
        them: converting a run of Chinese text loads OpenCC's dictionaries, a tenth of a second."""
        # Positional: an article can have dozens of these, and a keyword call costs as much again as the object.
        return cls((), applicability, message, None, produce)

    @property
    def pending(self) -> bool:
        """Whether the edits are still to be worked out (``resolve`` does it)."""
        return self.later is not None

    def resolve(self) -> Fix:
        """Work out a deferred fix's edits (nothing to do for any other fix)."""
        if self.later is not None:
            produce, self.later = self.later, None
            self.edits = tuple(produce())
        return self

    def __getstate__(self) -> tuple[Any, ...]:
        # A fix crosses processes with its edits, never with the function that works them out.
        self.resolve()
        return (self.edits, self.applicability, self.message, self.encoding)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.edits, self.applicability, self.message, self.encoding = state
        self.later = None

    @property
    def start(self) -> int:
        return min((edit.start for edit in self.edits), default=0)

    @property
    def end(self) -> int:
        return max((edit.end for edit in self.edits), default=0)

    @classmethod
    def safe(cls, message: str, *edits: Edit) -> Fix:
        return cls(tuple(edits), Applicability.SAFE, message)

    @classmethod
    def unsafe(cls, message: str, *edits: Edit) -> Fix:
        return cls(tuple(edits), Applicability.UNSAFE, message)


@dataclass(slots=True)
class Location:
    """1-based row and column (columns count code points, like ruff's JSON output)."""

    row: int
    column: int


@dataclass(slots=True)
class Finding:
    code: str
    name: str
    message: str
    start: int
    end: int
    severity: Severity = Severity.ERROR
    fix: Fix | None = None
    data: dict[str, Any] = field(default_factory=dict)
    # Filled in by the engine from the document's line index, so reporters need no Document.
    path: str = ""
    location: Location | None = None
    end_location: Location | None = None
    # Rows of the fix's edits, resolved the same way (one (start, end) pair per edit).
    edit_locations: tuple[tuple[Location, Location], ...] = ()

    @property
    def row(self) -> int:
        return self.location.row if self.location else 0

    @property
    def column(self) -> int:
        return self.location.column if self.location else 0

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.start, self.end, self.code)


# The code of the finding that stands for a rule which raised: the run goes on, the file is reported.
INTERNAL_ERROR_CODE = "SL001"
INTERNAL_ERROR_NAME = "internal-error"
