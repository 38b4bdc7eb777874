"""Cross-source comparison: agreements, conflicts, unique claims, omissions, fatality ranges, wire lineage.

Pure functions over :mod:`newsweave.models` values; :mod:`.stage` reads records and copy groups from the
store and writes one comparison dict per event.
"""

from __future__ import annotations

from ._compare import SLOT_ORDER, claim_fields, compare_event, fatalities
from ._observe import claim_label, source_of
from .lineage import lineage

__all__ = ["compare_event", "claim_fields", "fatalities", "lineage", "source_of", "claim_label", "SLOT_ORDER"]
