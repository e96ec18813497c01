"""The factors of the thesis decomposition and the arms that switch them.

A factor is a named set of the model's AI blocks (:data:`sim.model.params.ai.AI_BLOCKS`), each
an exact switch that changes no random draw. The default factors are the five blocks
themselves; ``--factors`` merges blocks into one factor (``people=ranking+productivity``) or
leaves a block out, which holds it off in every arm (a world without that mechanism). With
``n`` factors the decomposition runs ``2**n`` arms, one per subset of factors switched on:
``no_ai`` (none: every block off, the no-AI economy) to ``full`` (all).

The channels of the thesis are sums of factors' Shapley values: the people channel is
``ranking`` + ``productivity`` (AI users are preferred in hiring and layoffs, and out-produce
others), the technology channel is ``automation`` (firms automate tasks). New work and the
firm regimes' AI policies are neither, and are reported on their own (a judgment: new AI work
goes to proficient users, but it is created by the technology; the policies are firms' choices).
With merged factors, a channel holds the factors made only of its blocks.

>>> parse_factors("people=ranking+productivity, automation")
{'people': ('ranking', 'productivity'), 'automation': ('automation',)}
"""

from __future__ import annotations

from sim.errors import LaborsimError
from sim.model.params import Params
from sim.model.params.ai import AI_BLOCKS
from sim.stats import subsets

#: The default factors: one per block.
DEFAULT_FACTORS: dict[str, tuple[str, ...]] = {block: (block,) for block in AI_BLOCKS}

#: The blocks of each channel of the thesis (new_work and policies are in neither).
CHANNELS: dict[str, tuple[str, ...]] = {"people": ("ranking", "productivity"),
                                        "technology": ("automation",)}

#: At most this many factors (2**5 = 32 arms).
MAX_FACTORS = len(AI_BLOCKS)

NO_AI, FULL = "no_ai", "full"
#: The name of the sum of every factor's part (reserved, like the arms' names).
TOTAL = "total"


def parse_factors(text: str | None, option: str = "--factors") -> dict[str, tuple[str, ...]]:
    """Factors from ``--factors`` text: comma-separated items, each a block name or
    ``name=block+block``; every block at most once. None or empty: :data:`DEFAULT_FACTORS`.
    ``option`` names the text in errors (``factors`` in a sweep file).

    Raises :class:`~sim.errors.LaborsimError` (one line, naming the allowed values) on a bad
    item.
    """
    if text is None or not text.strip():
        return dict(DEFAULT_FACTORS)
    factors: dict[str, tuple[str, ...]] = {}
    used: set[str] = set()
    allowed = ", ".join(AI_BLOCKS)
    for item in (part.strip() for part in text.split(",")):
        if not item:
            raise LaborsimError(f"{option} {text!r}: an empty item (items are separated by "
                                "commas)")
        name, _, blocks_text = item.partition("=")
        name = name.strip()
        blocks = tuple(b.strip() for b in (blocks_text or name).split("+"))
        if not name.isidentifier():
            raise LaborsimError(f"{option}: factor name {name!r} must be a plain word")
        for block in blocks:
            if block not in AI_BLOCKS:
                raise LaborsimError(f"{option}: unknown block {block!r}; blocks are {allowed}")
            if block in used:
                raise LaborsimError(f"{option}: block {block!r} is in two factors")
            used.add(block)
        if name in factors or name in (NO_AI, FULL, TOTAL):
            raise LaborsimError(f"{option}: factor name {name!r} is used twice or reserved")
        factors[name] = blocks
    return factors


def format_factors(factors: dict[str, tuple[str, ...]]) -> str:
    """The ``--factors`` text of ``factors`` (the inverse of :func:`parse_factors`)."""
    return ",".join(name if blocks == (name,) else f"{name}={'+'.join(blocks)}"
                    for name, blocks in factors.items())


def held_off(factors: dict[str, tuple[str, ...]]) -> list[str]:
    """The blocks in no factor: off in every arm."""
    used = {b for blocks in factors.values() for b in blocks}
    return [b for b in AI_BLOCKS if b not in used]


def arm_name(on: frozenset[str], factors: dict[str, tuple[str, ...]]) -> str:
    """The name of the arm with the factors ``on``: ``no_ai``, ``full``, or the factors on
    joined by ``+`` in their order.

    >>> arm_name(frozenset({"automation", "ranking"}), dict(DEFAULT_FACTORS))
    'ranking+automation'
    """
    if not on:
        return NO_AI
    if len(on) == len(factors):
        return FULL
    return "+".join(f for f in factors if f in on)


def arms(factors: dict[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    """Every arm, name to the factors on, ``no_ai`` first and ``full`` last."""
    return {arm_name(on, factors): on for on in subsets(list(factors))}


def arm_params(params: Params, factors: dict[str, tuple[str, ...]]) -> dict[str, Params]:
    """The parameters of every arm: ``params`` with each factor's blocks on or off."""
    out = {}
    for name, on in arms(factors).items():
        switches = {block: False for block in AI_BLOCKS}
        for factor in on:
            switches |= {block: True for block in factors[factor]}
        out[name] = params.replace("ai", **switches)
    return out


def channel_factors(factors: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
    """The factors of each channel (:data:`CHANNELS`): a factor named after the channel (a
    user's merge, such as ``people=ranking+productivity+new_work``), else the factors whose
    blocks all lie in the channel's blocks.

    >>> channel_factors(dict(DEFAULT_FACTORS))
    {'people': ['ranking', 'productivity'], 'technology': ['automation']}
    """
    out = {}
    for channel, members in CHANNELS.items():
        if channel in factors:
            out[channel] = [channel]
        else:
            out[channel] = [f for f, blocks in factors.items()
                            if set(blocks) <= set(members) and f not in CHANNELS]
    return out
