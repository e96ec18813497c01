"""Sorting by group, then by value: the one hot sort of a month, done fast.

Matching queues every vacancy's applicants and layoffs rank every cell's workers. Both need
indices sorted by an integer group and, within it, by a float value. ``numpy.lexsort`` does this
but is several times slower than one ``argsort`` of a single float key: ``group + f(value)``,
where ``f = 1/2 + arctan(value)/pi`` maps values monotonically into (0, 1). The key keeps the
order exactly as long as groups stay below 2**24 (then float64 still resolves value differences
of about 1e-7 at any value a rule produces); larger group numbers fall back to ``lexsort``.
Values closer than that resolution count as ties and are ordered reproducibly.
"""

from __future__ import annotations

import numpy as np

#: Above this group number the float key loses resolution; lexsort is used instead.
MAX_FAST_GROUP = 2**24


def group_order(group: np.ndarray, value: np.ndarray, descending: bool = False) -> np.ndarray:
    """Indices that sort by ``group`` (ascending), then by ``value``.

    >>> group_order(np.array([1, 0, 1, 0]), np.array([0.3, 2.0, -1.0, 0.5])).tolist()
    [3, 1, 2, 0]
    >>> group_order(np.array([1, 0, 1, 0]), np.array([0.3, 2.0, -1.0, 0.5]), True).tolist()
    [1, 3, 0, 2]
    """
    if len(group) == 0:
        return np.zeros(0, dtype=np.int64)
    signed = -value if descending else value
    if group.max() >= MAX_FAST_GROUP:
        return np.lexsort((signed, group))
    return np.argsort(group + (0.5 + np.arctan(signed) / np.pi))


def group_starts(sorted_group: np.ndarray) -> np.ndarray:
    """Positions where a new group starts in an array sorted (or at least grouped) by group.

    >>> group_starts(np.array([2, 2, 5, 7, 7, 7])).tolist()
    [0, 2, 3]
    """
    return np.flatnonzero(np.r_[True, sorted_group[1:] != sorted_group[:-1]])


def rank_in_group(sorted_group: np.ndarray) -> np.ndarray:
    """Each element's position within its group (0 for the first) in an array sorted (or at
    least grouped) by group.

    >>> rank_in_group(np.array([2, 2, 5, 7, 7, 7])).tolist()
    [0, 1, 0, 0, 1, 2]
    """
    starts = group_starts(sorted_group)
    return np.arange(len(sorted_group)) - np.repeat(starts, np.diff(np.r_[starts,
                                                                          len(sorted_group)]))
