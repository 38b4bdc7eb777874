"""User corrections: merge two events, split an event, move an article, edit a field.

Corrections are stored as an append-only edit log in the store and replayed over the machine's output after
every events run, so a re-run of the pipeline never undoes a person's correction. Replaying is idempotent.
"""

from __future__ import annotations

from ._apply import EDIT_KINDS, apply_edits, validate_edit

__all__ = ["EDIT_KINDS", "apply_edits", "validate_edit"]
