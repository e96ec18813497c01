"""The event log: every separation and lost hire of the reported months, with its cause.

Kept only when ``run.events`` is on (``laborsim run --events``; every thesis arm). Each record
is a block of equal-length numpy arrays, one row per event; :meth:`EventLog.columns` joins them
(the runner turns them into ``events.parquet``). Causes are those of
:mod:`sim.model.rules.attribution` (separations) and :mod:`sim.model.rules.matching` (lost
hires: ``outcompeted`` or ``policy``).
"""

from __future__ import annotations

import numpy as np

from sim.model.rules.attribution import CAUSES
from sim.model.state import Groups

#: The columns of every record, in order.
COLUMNS = ("month", "worker", "firm", "kind", "cause", "propensity_third")
#: numpy dtype of each column.
DTYPES = {"month": np.int32, "worker": np.int64, "firm": np.int64, "kind": object,
          "cause": object, "propensity_third": object}


class EventLog:
    """Separations and lost hires of months 0 onward, when ``enabled``."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.records: list[dict[str, np.ndarray]] = []

    def wanted(self, month: int, workers: np.ndarray) -> bool:
        """Whether events of ``workers`` in ``month`` are kept (reported months only)."""
        return self.enabled and month >= 0 and len(workers) > 0

    def separations(self, month: int, workers: np.ndarray, firms: np.ndarray,
                    causes: np.ndarray, groups: Groups) -> None:
        """Record the separation of ``workers`` from ``firms``, with cause codes ``causes``."""
        if self.wanted(month, workers):
            self._add(month, workers, firms, "separation",
                      np.array(CAUSES, dtype=object)[causes], groups)

    def lost_hires(self, month: int, workers: np.ndarray, firms: np.ndarray,
                   to_policy: np.ndarray, groups: Groups) -> None:
        """Record offers ``workers`` lost at ``firms``: to the ``ai_required`` screen where
        ``to_policy``, else to a more AI-productive applicant."""
        if self.wanted(month, workers):
            self._add(month, workers, firms, "lost_hire",
                      np.where(to_policy, "policy", "outcompeted").astype(object), groups)

    def _add(self, month: int, workers: np.ndarray, firms: np.ndarray, kind: str,
             causes: np.ndarray, groups: Groups) -> None:
        n = len(workers)
        self.records.append({
            "month": np.full(n, month, dtype=np.int32),
            "worker": workers.astype(np.int64),
            "firm": firms.astype(np.int64),
            "kind": np.full(n, kind, dtype=object),
            "cause": causes,
            "propensity_third": groups.third(workers),
        })

    def columns(self) -> dict[str, np.ndarray]:
        """Every event so far, one array per column of :data:`COLUMNS` (empty when none)."""
        if not self.records:
            return {name: np.zeros(0, dtype=DTYPES[name]) for name in COLUMNS}
        return {name: np.concatenate([r[name] for r in self.records]) for name in COLUMNS}
