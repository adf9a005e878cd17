"""A plan evaluated region by region: values rolled up from the regions below, one evaluation
per region, and each region's rank among its peers (居全省第2).

Pure functions over domain values (no I/O). Observations name their region by code
(:attr:`Observation.region`); an empty region is the plan's own, the root of the tree.

Roll-up rules (:class:`~planeval.domain.indicator.Aggregation`), for a parent region that has no
value of its own for an indicator and period, when every child has one:

============  ======================================================================
``sum``       Σ children's values (地区生产总值 in 亿元, 新增城镇就业)
``ratio``     scale × Σ numerator ÷ Σ denominator over the children, the numerator and
              denominator being two other indicators of the plan; scale 100 for %, 1000 for ‰,
              1 otherwise unless the indicator sets it. Urbanisation of cities with 80 of 100
              and 30 of 60 (万人) is 100 × 110 ÷ 160 = 68.75 %, not the mean 65 % of 80 % and 50 %
``last``      none: only the parent's own reported value stands
``none``      none
============  ======================================================================

A ``ratio`` is also worked out for any region, a leaf included, that reports its numerator and
denominator for a period but not the ratio itself: scale × numerator ÷ denominator of its own,
before (for a parent) the children's sums are tried.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from planeval.domain.evaluation import Evaluation
from planeval.domain.indicator import Aggregation, Baseline, Direction, Indicator
from planeval.domain.numbers import format_number
from planeval.domain.observation import Observation
from planeval.domain.period import Period
from planeval.domain.plan import Plan
from planeval.domain.region import Region, RegionTree
from planeval.domain.result import IndicatorResult
from planeval.domain.settings import EvaluationSettings
from planeval.domain.target import Target, TargetKind
from planeval.domain.verdict import Verdict
from planeval.errors import PlanError
from planeval.evaluate import DEFAULT_METHOD, evaluate

ROLLED_UP = "rolled-up"
"""The vintage of a value computed from the children's, never reported by the region itself."""

DERIVED = "derived"
"""The vintage of a ratio worked out from the region's own numerator and denominator (推算)."""

SAME_VALUE = 1e-9
"""Relative difference under which two values tie in a ranking (a ratio recomputed in floating
point is not bit-equal to the same ratio reported)."""

AMOUNT_KINDS = frozenset(
    {
        TargetKind.LEVEL,
        TargetKind.CUMULATIVE_TOTAL,
        TargetKind.CUMULATIVE_CHANGE,
        TargetKind.FLOOR,
        TargetKind.CEILING,
        TargetKind.RANGE,
    }
)
"""Target kinds that fix an amount: for a ``sum`` indicator, the plan region's total (GDP of
1500 亿元), a target no region below it is held to."""

Series = dict[Period, float]


class _Values:
    """The values of each (region, indicator) by period that a roll-up adds up: those in the
    indicator's unit, on the ordinary basis (revision stages, not another statistical basis);
    of two for one period (初步核算, then 最终核实) the later given stands."""

    def __init__(self, plan: Plan, tree: RegionTree):
        self._units = {i.code: _unit(i.unit) for i in plan.indicators}
        self._tree = tree
        self._series: dict[tuple[str, str], Series] = {}
        self._worked_out: set[tuple[str, str, Period]] = set()

    def add(self, observation: Observation, worked_out: bool = False) -> None:
        """Add a value; ``worked_out`` for one :func:`roll_up` computed, not one reported."""
        unit = _unit(observation.unit)
        if observation.basis is None and unit in ("", self._units.get(observation.code)):
            region = region_code(observation, self._tree)
            self._series.setdefault((region, observation.code), {})[observation.period] = observation.value
            if worked_out:
                self._worked_out.add((region, observation.code, observation.period))

    def series(self, region: str, code: str) -> Series:
        return self._series.get((region, code), {})

    def reported(self, region: str, code: str) -> Series:
        """The values the region reported itself, without those worked out."""
        return {p: v for p, v in self.series(region, code).items() if (region, code, p) not in self._worked_out}


Rule = Callable[[Plan, Indicator, Sequence[Region], _Values], list[tuple[Period, float, str]]]


def _sum(
    plan: Plan, indicator: Indicator, children: Sequence[Region], values: _Values
) -> list[tuple[Period, float, str]]:
    series = [values.series(child.code, indicator.code) for child in children]
    note = f"由{_names(children)}合计"
    return [(period, math.fsum(s[period] for s in series), note) for period in _common(series)]


def _ratio(
    plan: Plan, indicator: Indicator, children: Sequence[Region], values: _Values
) -> list[tuple[Period, float, str]]:
    numerator, denominator = _parts(plan, indicator)
    tops = [values.series(child.code, numerator.code) for child in children]
    bottoms = [values.series(child.code, denominator.code) for child in children]
    scale = indicator.ratio_scale
    note = (
        f"由{_names(children)}的{numerator.name}合计÷{denominator.name}合计"
        + (f"×{format_number(scale, 6)}" if scale != 1 else "")
        + "计算"
    )
    found = []
    for period in _common(tops + bottoms):
        total = math.fsum(b[period] for b in bottoms)
        if total != 0:  # a zero denominator has no ratio; the parent stays without a value
            found.append((period, scale * math.fsum(t[period] for t in tops) / total, note))
    return found


def _own_ratio(plan: Plan, indicator: Indicator, region: Region, values: _Values) -> list[tuple[Period, float, str]]:
    """The ratio of ``region`` from the numerator and denominator it reported itself, for each
    period it reported both (a zero denominator gives none)."""
    numerator, denominator = _parts(plan, indicator)
    top = values.reported(region.code, numerator.code)
    bottom = values.reported(region.code, denominator.code)
    scale = indicator.ratio_scale
    note = (
        f"由{region.name}的{numerator.name}÷{denominator.name}"
        + (f"×{format_number(scale, 6)}" if scale != 1 else "")
        + "计算"
    )
    return [(p, scale * top[p] / bottom[p], note) for p in _common([top, bottom]) if bottom[p] != 0]


ROLL_UP_RULES: dict[Aggregation, Rule] = {Aggregation.SUM: _sum, Aggregation.RATIO: _ratio}
"""The rule of each aggregation that rolls up; ``last`` and ``none`` have none."""

Key = tuple[str, str, Period]
"""(region code, indicator code, period)."""


@dataclass(frozen=True)
class RollUp:
    """What :func:`roll_up_in_full` works out: ``observations``, the given ones followed by those
    added (as :func:`roll_up` returns them), and ``set_aside``: for each (region, indicator,
    period) whose own value stands although the children's would roll up, the rolled-up value
    not used."""

    observations: tuple[Observation, ...]
    set_aside: Mapping[Key, Observation]


def roll_up(plan: Plan, observations: Iterable[Observation], tree: RegionTree) -> list[Observation]:
    """``observations`` followed by the values rolled up to the parent regions and the ratios
    worked out from a region's own parts.

    For each region (deepest first, so that cities are complete before the province is added
    up from them) and each indicator:

    - a ``ratio`` the region lacks for a period in which it reported both the numerator and the
      denominator is worked out from them, with ``vintage="derived"`` and a note
      ``由甲一县的城镇常住人口÷常住人口×100计算`` (leaves included);
    - for a parent, when the aggregation has a rule (:data:`ROLL_UP_RULES`), each period for
      which every child has a value (for a ratio: its numerator and its denominator) while the
      parent has none of its own (for the root, the plan table's baseline is its own value for
      the base year; for a ratio, one worked out from its own parts counts) adds one value
      with ``vintage="rolled-up"``, the parent's code as ``region`` and a note naming the
      children (``由甲市、乙市、丙市合计``).

    Only values in the indicator's unit and on the ordinary basis are used. A period some child
    lacks gives the parent no value: a partial total is not the total.

    Raises:
        PlanError: an observation names a region the tree lacks; a ratio indicator without
            numerator or denominator, or naming an indicator the plan lacks.
    """
    return list(roll_up_in_full(plan, observations, tree).observations)


def roll_up_in_full(plan: Plan, observations: Iterable[Observation], tree: RegionTree) -> RollUp:
    """:func:`roll_up`, together with the rolled-up values a region's own value stands over.

    Raises:
        PlanError: as :func:`roll_up`.
    """
    given = list(observations)
    for indicator in plan.indicators:
        if indicator.aggregation is Aggregation.RATIO:
            _parts(plan, indicator)
    values = _Values(plan, tree)
    for observation in given:
        values.add(observation)
    added: list[Observation] = []
    set_aside: dict[Key, Observation] = {}
    for region in sorted(tree.walk(), key=lambda r: -tree.depth(r.code)):
        children = tree.children(region.code)
        for indicator in plan.indicators:
            own = _own_periods(values, tree, region, indicator)
            worked_out: list[tuple[Period, float, str, str]] = []
            if indicator.aggregation is Aggregation.RATIO:
                worked_out += [(p, v, n, DERIVED) for p, v, n in _own_ratio(plan, indicator, region, values)]
            rule = ROLL_UP_RULES.get(indicator.aggregation)
            if rule is not None and children:
                worked_out += [(p, v, n, ROLLED_UP) for p, v, n in rule(plan, indicator, children, values)]
            for period, value, note, vintage in worked_out:
                observation = Observation(indicator.code, period, value, vintage=vintage, note=note, region=region.code)
                if period in own:
                    if vintage == ROLLED_UP:
                        set_aside[(region.code, indicator.code, period)] = observation
                    continue
                own.add(period)
                values.add(observation, worked_out=True)
                added.append(observation)
    return RollUp(tuple(given + added), set_aside)


def evaluate_regions(
    plan: Plan,
    observations: Iterable[Observation],
    as_of: Period,
    tree: RegionTree,
    method: str = DEFAULT_METHOD,
    settings: EvaluationSettings | None = None,
) -> dict[str, Evaluation]:
    """One evaluation per region code, in the order of :meth:`RegionTree.walk` (root first),
    each from that region's observations alone (an empty region is the root's).

    Observations are taken as given: call :func:`roll_up` first for parents to have the values
    added up from their children. The root is judged on the plan as it is; a region below it
    on :func:`regional_plan`: its own baselines and the plan's targets, but for a total
    (``sum``) no target that is an amount of the plan region's.

    Raises:
        PlanError: an observation names a region the tree lacks.
        MethodError, PlanevalError: as :func:`planeval.evaluate.evaluate`.
    """
    by_region: dict[str, list[Observation]] = {region.code: [] for region in tree.regions}
    for observation in observations:
        by_region[region_code(observation, tree)].append(observation)
    return {
        region.code: evaluate(
            regional_plan(plan, tree, region.code),
            [replace(o, region="") for o in by_region[region.code]],  # each as the plan region of its own plan
            as_of,
            method,
            settings,
        )
        for region in tree.walk()
    }


def regional_plan(plan: Plan, tree: RegionTree, code: str) -> Plan:
    """The plan as it applies to region ``code``, named after the region.

    The root's is the plan itself. Below the root, the plan table's baselines and amounts are
    the plan region's, not a city's:

    - every baseline value is cleared, so that the region's own base-year value, when it
      reports one, is the baseline; a level indicator without one is not evaluated
      (缺少基期数据);
    - a ``sum`` indicator's target that is an amount (:data:`AMOUNT_KINDS`) is cleared, so
      that it is not evaluated (规划未设定量化目标); growth and reduction targets stay.

    Rates and growth targets apply to every region as the plan writes them.

    Raises:
        PlanError: no region has this code."""
    region = tree.region(code)
    if region == tree.root:
        return replace(plan, region=plan.region or region.name)
    return replace(plan, region=region.name, indicators=tuple(_below_root(i) for i in plan.indicators))


def _below_root(indicator: Indicator) -> Indicator:
    baseline = Baseline(year=indicator.baseline.year)
    if indicator.aggregation is Aggregation.SUM and indicator.target.kind in AMOUNT_KINDS:
        return replace(indicator, baseline=baseline, target=Target(TargetKind.UNPARSED, ""))
    return replace(indicator, baseline=baseline)


def region_code(observation: Observation, tree: RegionTree) -> str:
    """The code of the region ``observation`` belongs to: its own, or the root's when empty.

    Raises:
        PlanError: the observation names a region the tree lacks."""
    code = observation.region or tree.root.code
    if code not in tree:
        raise PlanError(
            f"{observation.code} {observation.period}: region {code!r} is not in the region tree"
            f" ({', '.join(r.code for r in tree.regions)})"
        )
    return code


def latest(result: IndicatorResult) -> Observation | None:
    """The latest value the result was judged on, or None."""
    return result.observations[-1] if result.observations else None


@dataclass(frozen=True)
class Rank:
    """A region's place among its peers for one indicator: ``rank`` from 1, ``ranked_among``
    the peers that had a value to compare (the region included) and ``peers`` all of them."""

    rank: int
    ranked_among: int
    peers: int

    @property
    def complete(self) -> bool:
        """Every peer had a value."""
        return self.ranked_among == self.peers


def rank(evaluations: Mapping[str, Evaluation], code: str, region: str, tree: RegionTree) -> int | None:
    """The rank of ``region`` among its peers for indicator ``code`` (see :func:`ranking`), or
    None when the region has no value.

    Raises:
        PlanError, KeyError: as :func:`ranking`.
    """
    found = ranking(evaluations, code, region, tree)
    return found.rank if found is not None else None


def ranking(evaluations: Mapping[str, Evaluation], code: str, region: str, tree: RegionTree) -> Rank | None:
    """The place of ``region`` among its peers (:meth:`RegionTree.peers`) for indicator
    ``code``: peers are compared on their values for the period of the region's latest value,
    better first in the indicator's direction (higher for ``increase``, lower for
    ``decrease``), with competition ranking: equal values share the best rank and the next
    rank skips (1, 2, 2, 4). A peer without a value for that period is left out, and counted in
    :attr:`Rank.peers` but not in :attr:`Rank.ranked_among`; the root is its own only peer.
    ``evaluations`` maps region codes to evaluations (see :func:`evaluate_regions`); an empty
    ``region`` is the root.

    Returns:
        The rank, or None when the region has no value.

    Raises:
        PlanError: no region or no indicator has this code.
        KeyError: ``evaluations`` lacks the region.
    """
    region = region or tree.root.code
    tree.region(region)
    own = evaluations[region]
    direction = own.plan.indicator(code).direction
    mine = latest(own.result(code))
    if mine is None:
        return None
    peers = tree.peers(region)
    values = {
        peer.code: value
        for peer in peers
        if peer.code in evaluations
        and (value := _value_at(evaluations[peer.code].result(code), mine.period)) is not None
    }
    return Rank(competition_rank(values, region, direction), len(values), len(peers))


def competition_rank(values: Mapping[str, float], key: str, direction: Direction) -> int:
    """1 + the number of values strictly better than ``values[key]`` in ``direction``: the
    competition ranking ("1224") in which ties share the best rank. Values within
    :data:`SAME_VALUE` of each other tie."""
    mine = values[key]
    return 1 + sum(
        1
        for value in values.values()
        if direction.sign * (value - mine) > 0 and not math.isclose(value, mine, rel_tol=SAME_VALUE)
    )


WHOLE_AREA = {
    "国": "全国", "国家": "全国", "直辖市": "全市", "地级市": "全市", "县级市": "全市",
    "自治区": "全区", "自治州": "全州", "自治县": "全县", "自治旗": "全旗",
}  # fmt: skip
"""How a report names the whole of a parent region by its level, where 全 + level is wrong."""


def rank_phrase(rank: int, parent_level: str, among: Rank | None = None, peer_word: str = "地区") -> str:
    """A rank as a report writes it: ``rank_phrase(2, "省")`` → ``居全省第2``; 市 → 全市,
    县 → 全县, 自治区 → 全区 (:data:`WHOLE_AREA`); without a level, ``居第2``.

    When ``among`` shows that some peers had no value, the phrase says how many were compared,
    ``peer_word`` naming the peers (:func:`peer_word`): ``居全市第1（3个县中1个有数据）``.

    Raises:
        ValueError: ``rank`` is below 1."""
    if rank < 1:
        raise ValueError(f"a rank starts at 1, got {rank}")
    level = parent_level.strip()
    whole = level if level.startswith("全") else WHOLE_AREA.get(level, f"全{level}" if level else "")
    compared = f"（{among.peers}个{peer_word}中{among.ranked_among}个有数据）" if among and not among.complete else ""
    return f"居{whole}第{rank}{compared}"


def peer_word(peers: Iterable[Region]) -> str:
    """What to call a group of peers: their level when they share one (县, 市, 区), else 地区."""
    levels = {peer.level.strip() for peer in peers}
    level = levels.pop() if len(levels) == 1 else ""
    return level or "地区"


@dataclass(frozen=True)
class RegionCell:
    """One indicator of one region: its verdict, the latest value it was judged on, and the
    region's rank among its peers with the phrase a report uses (None for the root, which has
    no peers, and for a region without a value); ``ranked_among`` and ``peers`` as in
    :class:`Rank`; ``rolled_up`` the children's roll-up for the latest value's period when the
    region's own value stood instead (see :class:`RollUp`)."""

    code: str
    verdict: Verdict
    latest: Observation | None
    rank: int | None
    rank_phrase: str | None
    ranked_among: int | None = None
    peers: int | None = None
    rolled_up: Observation | None = None


@dataclass(frozen=True)
class RegionRow:
    """One region of a table by region: ``depth`` 0 for the root."""

    region: Region
    depth: int
    cells: tuple[RegionCell, ...]


def region_rows(
    evaluations: Mapping[str, Evaluation],
    tree: RegionTree,
    codes: Sequence[str] | None = None,
    set_aside: Mapping[Key, Observation] | None = None,
) -> tuple[RegionRow, ...]:
    """The table by region, in :meth:`RegionTree.walk` order, with a cell for each indicator of
    ``codes`` (every indicator of the root's plan when None); ``set_aside`` the roll-ups own
    values stood over (:attr:`RollUp.set_aside`), for :attr:`RegionCell.rolled_up`.

    Raises:
        PlanError: a code that is no indicator of the plan.
        KeyError: ``evaluations`` lacks a region of the tree.
    """
    plan = evaluations[tree.root.code].plan
    chosen = [plan.indicator(code).code for code in codes] if codes is not None else [i.code for i in plan.indicators]
    aside = set_aside or {}
    return tuple(
        RegionRow(
            region, tree.depth(region.code), tuple(_cell(evaluations, tree, region, code, aside) for code in chosen)
        )
        for region in tree.walk()
    )


def _cell(
    evaluations: Mapping[str, Evaluation],
    tree: RegionTree,
    region: Region,
    code: str,
    set_aside: Mapping[Key, Observation],
) -> RegionCell:
    result = evaluations[region.code].result(code)
    value = latest(result)
    rolled_up = None
    if value is not None and value.basis is None and value.vintage != ROLLED_UP:
        rolled_up = set_aside.get((region.code, code, value.period))
    parent = tree.parent(region.code)
    place = ranking(evaluations, code, region.code, tree) if parent is not None else None  # the root has no peers
    if place is None or parent is None:
        return RegionCell(code, result.verdict, value, None, None, rolled_up=rolled_up)
    phrase = rank_phrase(place.rank, parent.level, place, peer_word(tree.peers(region.code)))
    return RegionCell(code, result.verdict, value, place.rank, phrase, place.ranked_among, place.peers, rolled_up)


def _own_periods(values: _Values, tree: RegionTree, region: Region, indicator: Indicator) -> set[Period]:
    """The periods ``region`` has a value of its own for; for the root, the plan table's
    baseline counts as its value for the base year (the table prints the plan region's)."""
    periods = set(values.series(region.code, indicator.code))
    if region == tree.root and indicator.baseline.current is not None:
        periods.add(Period.of_year(indicator.baseline.year))
    return periods


def _value_at(result: IndicatorResult, period: Period) -> float | None:
    return next((o.value for o in reversed(result.observations) if o.period == period), None)


def _parts(plan: Plan, indicator: Indicator) -> tuple[Indicator, Indicator]:
    """The numerator and denominator indicators of a ratio. Raises: PlanError."""
    if not indicator.numerator or not indicator.denominator:
        raise PlanError(f"indicator {indicator.code}: aggregation ratio needs a numerator and a denominator")
    return plan.indicator(indicator.numerator), plan.indicator(indicator.denominator)


def _common(series: Sequence[Series]) -> list[Period]:
    """The periods every series has a value for, in order; none when there is no series."""
    if not series:
        return []
    periods = set(series[0]).intersection(*series[1:])
    return sorted(periods)


def _names(regions: Sequence[Region]) -> str:
    return "、".join(region.name for region in regions)


def _unit(unit: str) -> str:
    return unit.strip().replace("％", "%")
