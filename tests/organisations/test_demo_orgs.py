"""The demo organisations: at least 12, in at least 4 sectors and 6 regions, every one valid,
and demo sessions spread over them with the national service as the largest door."""

from __future__ import annotations

from collections import Counter

from evaluation.demo.orgs import demo_orgs, org_of
from organisations.registry import check


def test_demo_orgs_are_valid_and_spread() -> None:
    orgs = [check(o) for o in demo_orgs(2026)]
    assert len(orgs) >= 12
    assert len({o.sector for o in orgs}) >= 4 and len({o.region for o in orgs}) >= 6
    doors = Counter(org_of(f"s{i:08x}") for i in range(20_000))
    assert set(doors) == {o.id for o in orgs} | {None}
    assert 0.3 < doors[None] / 20_000 < 0.5
    assert doors.most_common(1)[0][0] is None
    assert org_of("s00000001") == org_of("s00000001")  # fixed by the session id
