"""The nine occupation groups: employment shares, wages and the mobility matrix.

The numbers live in ``sim/model/data/occupations.toml`` (BLS OEWS May 2023 national estimates, with
each column's citation in its ``[sources]`` table). This module reads that file once and hands the
model a small frozen table. Nothing here is fetched at run time.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import numpy as np

#: z-score distance between the 10th and 90th percentiles of a normal distribution.
P90_P10_Z = 2.0 * 1.2815515655446004


@dataclass(frozen=True, eq=False)
class Occupations:
    """Occupation table used by the model; arrays are indexed by occupation code 0..K-1.

    Attributes
    ----------
    names : tuple of str
        Short names (``programmer`` ... ``other``); the index is the occupation code.
    labels : tuple of str
        Human-readable labels.
    employment_share : ndarray, shape (K,)
        Share of US wage and salary employment (OEWS May 2023).
    mean_wage : ndarray, shape (K,)
        Annual mean wage, US dollars a year (OEWS May 2023).
    log_wage_sd : ndarray, shape (K,)
        Within-occupation sd of log annual wages, ln(p90/p10) / 2.563, assuming lognormal
        wages (OEWS percentiles).
    exposure : ndarray, shape (K,)
        Share of tasks LLMs or software built on them could speed up (Eloundou et al. 2024,
        zeta = E1 + E2, human ratings).
    adoption_exposure : ndarray, shape (K,)
        How useful today's LLMs are to the occupation (Eloundou et al. 2024, beta rated by
        GPT-4); drives adoption.
    judgment_share : ndarray, shape (K,)
        Share of tasks that are human-judgment work AI does poorly (1 - exposure).
    ai_use_2023 : ndarray, shape (K,)
        Share who had used ChatGPT (Humlum & Vestergaard; NaN where not surveyed), for
        validation only.
    mobility : ndarray, shape (K, K)
        Row = occupation a job seeker last worked in, column = occupation an application goes
        to; rows sum to one. Constructed from Carrillo-Tudela & Visschers (2023), see the file.
    sources : dict
        Citation of each column, as written in the data file.
    """

    names: tuple[str, ...]
    labels: tuple[str, ...]
    employment_share: np.ndarray
    mean_wage: np.ndarray
    log_wage_sd: np.ndarray
    exposure: np.ndarray
    adoption_exposure: np.ndarray
    judgment_share: np.ndarray
    ai_use_2023: np.ndarray
    mobility: np.ndarray
    sources: dict[str, str]

    @property
    def count(self) -> int:
        """Number of occupation groups K."""
        return len(self.names)

    def code(self, name: str) -> int:
        """Occupation code of ``name``; raises ``ValueError`` listing the valid names."""
        if name not in self.names:
            raise ValueError(f"unknown occupation {name!r}; one of {', '.join(self.names)}")
        return self.names.index(name)


def parse_occupations(data: dict) -> Occupations:
    """Build an :class:`Occupations` table from the parsed TOML document (validated)."""
    rows = data["occupation"]
    names = tuple(r["name"] for r in rows)
    employment = np.array([r["employment"] for r in rows], dtype=float)
    p10 = np.array([r["wage_p10"] for r in rows], dtype=float)
    p90 = np.array([r["wage_p90"] for r in rows], dtype=float)
    mobility = np.array(data["mobility"]["matrix"], dtype=float)
    if tuple(data["mobility"]["order"]) != names:
        raise ValueError("occupations.toml: mobility.order must list the occupations in order")
    if mobility.shape != (len(names), len(names)):
        raise ValueError("occupations.toml: mobility.matrix must be square, one row per occupation")
    if not np.allclose(mobility.sum(axis=1), 1.0, atol=1e-6) or (mobility < 0).any():
        raise ValueError("occupations.toml: every mobility row must be non-negative and sum to 1")
    if (p90 <= p10).any() or (employment <= 0).any():
        raise ValueError("occupations.toml: need employment > 0 and wage_p90 > wage_p10")
    exposure = np.array([r["ai_exposure"] for r in rows], dtype=float)
    judgment = np.array([r["judgment_share"] for r in rows], dtype=float)
    if not np.allclose(exposure + judgment, 1.0, atol=1e-3):
        raise ValueError("occupations.toml: ai_exposure + judgment_share must be 1 for each row")
    return Occupations(
        names=names,
        labels=tuple(r["label"] for r in rows),
        employment_share=employment / employment.sum(),
        mean_wage=np.array([r["mean_annual_wage"] for r in rows], dtype=float),
        log_wage_sd=np.log(p90 / p10) / P90_P10_Z,
        exposure=exposure,
        adoption_exposure=np.array([r["adoption_exposure"] for r in rows], dtype=float),
        judgment_share=judgment,
        ai_use_2023=np.array([r.get("ai_use_2023", np.nan) for r in rows], dtype=float),
        mobility=mobility,
        sources=dict(data["sources"]),
    )


@lru_cache(maxsize=1)
def default_occupations() -> Occupations:
    """The occupation table shipped with laborsim (read once per process)."""
    text = files("sim.model.data").joinpath("occupations.toml").read_text(encoding="utf-8")
    return parse_occupations(tomllib.loads(text))
