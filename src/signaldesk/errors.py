"""Every error SignalDesk raises on purpose, in one tree.

    SignalDeskError                 base: catch this to catch ours, and only ours
     ├── ConfigError                a setting is unknown, malformed or out of range
     ├── PipelineError              the pipeline cannot be built (a stage's requirement unmet)
     ├── InputError                 one input (a JSONL line, a feed, a page) is unusable
     │    └── ExtractError          a page could not be turned into text
     ├── FetchError                 fetching a URL failed (status, timeout, size, format)
     │    └── UnsafeURLError        the URL or a redirect points somewhere we refuse (SSRF)
     ├── StoreError                 the store refused an operation
     │    └── NotFound              no such item, story, user or source
     └── AuthError                  bad credentials or an expired session / trial

    Drop                            not an error: a stage's signal that one document
                                    leaves the pipeline, with a reason that is counted

Messages name the input (`line 12`, a URL, a setting) and say what to do about it.
"""

from __future__ import annotations


class SignalDeskError(Exception):
    """Base class of every error SignalDesk raises on purpose."""


class ConfigError(SignalDeskError):
    """A setting is unknown, malformed or out of range."""


class PipelineError(SignalDeskError):
    """The pipeline cannot be built, e.g. a stage requires a field no earlier stage assigns."""


class InputError(SignalDeskError):
    """One input is unusable; the rest of the batch carries on."""


class ExtractError(InputError):
    """A page could not be turned into article text."""


class FetchError(SignalDeskError):
    """Fetching a URL failed."""


class UnsafeURLError(FetchError):
    """The URL, or a redirect, resolves to an address SignalDesk refuses to contact."""


class StoreError(SignalDeskError):
    """The store refused an operation."""


class NotFound(StoreError):
    """No such item, story, user or source."""


class AuthError(SignalDeskError):
    """Bad credentials, or an expired session or trial."""


class Drop(Exception):
    """Raised by a stage to take one document out of the pipeline.

    `reason` is a short stable code (`duplicate`, `empty`, `too_large`, ...) that the
    pipeline counts; `detail` is free text for people; `duplicate_of` names the
    document this one duplicates, when that is the reason.
    """

    def __init__(self, reason: str, detail: str = "", duplicate_of: str | None = None) -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
        self.duplicate_of = duplicate_of
