"""The policy registry: every policy instrument declared once.

A policy is a block of the scenario file (`policies: {NAME: {KEY: value}}`) whose keys map
to fields of `Params` (group "policy"); one field switches it on (it does nothing while that
field is zero), one is its start date, and a policy with a cost books it under a fiscal
instrument of the `Government` agent (reported as `fiscal_<instrument>_krw`). Everything
else is derived from this table: the scenario schema and its error messages, the lists of
active policies, the app's lever groups, the memo's settings lines, the fiscal outputs,
and which runs may continue a baseline run (`non_policy_differences`).

Adding a policy means: its fields in `Params` (group "policy", off by default), one entry
here, its rule in `submodels/policy.py` (or the submodel it acts in), and its labels in
`sim.study.i18n` (POLICY_LABELS, LEVER_LABELS; a test checks they exist).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .params import Params


@dataclass(frozen=True)
class Policy:
    """One policy instrument.

    Attributes:
        name: the scenario file's key under `policies`; also the key of its labels.
        fields: scenario-file key -> `Params` field, in the order the file and the memo list them.
        switch: the field that turns the policy on when it is not zero (share, seats, amount ...).
        start: the field holding its start date (decimal year; 2026.0 = from 2026Q1).
        instrument: the fiscal instrument its cost is booked under, or None (no public cost).
        description: one sentence for the scenario schema and the docs.
        only_if: field -> (other field, value): the field acts only when the other field has that
            value (salary matching's tiers under the tier basis, its salary threshold under the
            salary basis: `submodels.policy.eligible`); lists of settings leave it out otherwise.
    """

    name: str
    fields: tuple[tuple[str, str], ...]
    switch: str
    start: str
    instrument: str | None
    description: str
    only_if: tuple[tuple[str, tuple[str, object]], ...] = ()

    def acts(self, field: str, p: Params) -> bool:
        """Whether `field` of this policy acts under `p` (`only_if`)."""
        cond = dict(self.only_if).get(field)
        return cond is None or getattr(p, cond[0]) == cond[1]

    @property
    def params(self) -> tuple[str, ...]:
        """The `Params` fields of this policy, in order."""
        return tuple(f for _, f in self.fields)

    @property
    def keys(self) -> tuple[str, ...]:
        """The scenario-file keys of this policy, in order."""
        return tuple(k for k, _ in self.fields)

    def field_of(self, key: str) -> str:
        return dict(self.fields)[key]

    def is_on(self, p: Params) -> bool:
        return getattr(p, self.switch) != 0


POLICIES: tuple[Policy, ...] = (
    Policy(
        "salary_matching",
        (
            ("share", "sm_share"),
            ("tiers", "sm_tiers"),
            ("cap_mkrw", "sm_cap"),
            ("budget_bn_krw", "sm_budget"),
            ("basis", "sm_basis"),
            ("min_salary_mkrw", "sm_min_salary"),
            ("start", "sm_start"),
            ("incumbents", "sm_incumbents"),
        ),
        switch="sm_share",
        start="sm_start",
        instrument="salary_matching",
        description="The state pays a share of the salary of eligible AI staff (seed 002: about half, core talent).",
        only_if=(("sm_tiers", ("sm_basis", "tier")), ("sm_min_salary", ("sm_basis", "salary"))),
    ),
    Policy(
        "grad_seats",
        (("extra_seats", "grad_seats_extra"), ("cost_mkrw", "grad_seat_cost"), ("start", "grad_seats_start")),
        switch="grad_seats_extra",
        start="grad_seats_start",
        instrument="grad_seats",
        description="Extra graduate places per year, paid by the state.",
    ),
    Policy(
        "settlement_package",
        (("amount_mkrw", "settle_amount"), ("start", "settle_start")),
        switch="settle_amount",
        start="settle_start",
        instrument="settlement_package",
        description="A yearly package for AI staff working outside the capital region.",
    ),
    Policy(
        "recruiting_drive",
        (("rate", "drive_rate"), ("cost_bn_krw", "drive_cost"), ("start", "drive_start")),
        switch="drive_rate",
        start="drive_start",
        instrument="recruiting_drive",
        description="Recruiting drives aimed at Korean-born AI people abroad.",
    ),
    Policy(
        "foreign_tax_relief",
        (("share", "ftax_share"), ("start", "ftax_start")),
        switch="ftax_share",
        start="ftax_start",
        instrument="foreign_tax_relief",
        description="Part of the income tax of foreign-born AI staff working in Korea waived (Korea's tax cut "
        "for foreign engineers, widened).",
    ),
    Policy(
        "lab_acquisition",
        (("size", "lab_acq_size"), ("year", "lab_acq_year")),
        switch="lab_acq_size",
        start="lab_acq_year",
        instrument=None,
        description="A Korean conglomerate buys a European lab whole (seed 001).",
    ),
    Policy(
        "med_school_pull",
        (("cut", "med_pull_cut"), ("start", "med_pull_start")),
        switch="med_pull_cut",
        start="med_pull_start",
        instrument=None,
        description="A weaker pull of the brightest students into medical school.",
    ),
)
BY_NAME: dict[str, Policy] = {pol.name: pol for pol in POLICIES}


def condition_of(field: str) -> tuple[str, object] | None:
    """The (other field, value) under which policy field `field` acts (`Policy.only_if`), or None
    if it always acts."""
    for pol in POLICIES:
        cond = dict(pol.only_if).get(field)
        if cond is not None:
            return cond
    return None


POLICY_FIELDS = frozenset(f for pol in POLICIES for f in pol.params)  # every policy field
START_FIELDS = tuple(pol.start for pol in POLICIES)  # every start date
INSTRUMENTS = tuple(pol.instrument for pol in POLICIES if pol.instrument)  # fiscal instruments, in order
_OWNER = {f: (pol, k) for pol in POLICIES for k, f in pol.fields}


def active(p: Params) -> list[Policy]:
    """The policies switched on in `p` (switch field not zero), in registry order; the others
    do nothing whatever their other fields say."""
    return [pol for pol in POLICIES if pol.is_on(p)]


def active_names(p: Params) -> list[str]:
    return [pol.name for pol in active(p)]


def owner(field: str) -> tuple[Policy, str] | None:
    """(policy, scenario-file key) of a policy field of `Params`, or None for other fields."""
    return _OWNER.get(field)


def non_policy_differences(a: Params, b: Params) -> list[str]:
    """Names of the parameters outside the policy fields on which `a` and `b` differ (sorted)."""
    da, db = a.to_dict(), b.to_dict()
    return sorted(k for k in da if k not in POLICY_FIELDS and da[k] != db[k])


def earliest_start(p: Params) -> float:
    """The earliest start date of the active policies of `p`, or of all policies if none is on."""
    return min(getattr(p, pol.start) for pol in (active(p) or POLICIES))


def _check_registry() -> None:
    """The registry and the `Params` policy group declare the same fields (checked at import)."""
    group = {f.name for f in dataclasses.fields(Params) if f.metadata["group"] == "policy"}
    listed = [f for pol in POLICIES for f in pol.params]
    if len(listed) != len(set(listed)) or set(listed) != group:
        raise RuntimeError(
            f"policy registry and Params differ: {sorted(set(listed) ^ group)} (or a field is listed twice)"
        )
    for pol in POLICIES:
        if pol.switch not in pol.params or pol.start not in pol.params:
            raise RuntimeError(f"policy {pol.name}: switch and start must be among its fields")


_check_registry()
