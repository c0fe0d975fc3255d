"""A cache of report facts, so a report reads each closed day from the store only once.

Why: one GROUP BY over a million messages takes ~1.4 s in SQLite (PERF-NOTES) and a report needs
a dozen, while the facts of a closed day never change unless rows are deleted or arrive late.
So every UTC day older than yesterday is read once into numpy columns (no question texts, no
session ids) and kept in a file: one file per closed calendar month, one per closed day of the
current month (fewer, larger files: opening one costs more than reading a day's arrays). Before
cached days are used, the store's session and escalation counts over them are compared with the
per-day counts kept in the files (an index range count, far cheaper than reading the rows); a
file with a day whose counts differ (a learner deleted a session, the retention purge ran, a late
session landed) is read again. A message or a rating written more than a day late into a session
that was already counted is not noticed (the writer writes within seconds).

Today and yesterday are open: their sessions (which still get their end-of-session answers) are
always read live. Their messages, ratings and escalations, which are only ever added or deleted,
are kept per UTC hour in `hours/`, each file with the store's counts for its hour (messages,
feedback, escalations, and a sum over the messages that a deletion changes even when as many new
ones came); one grouped count query finds the hours that changed, usually only the current one,
and only those are read again. The store is only ever read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from evaluation.reports.facts.cache_file import (
    PARTS,
    DayCounts,
    OldFormat,
    day_counts,
    decode,
    encode,
    map_file,
)
from evaluation.reports.facts.columns import Gaps, Sessions
from evaluation.reports.facts.daily_counts import Counts
from evaluation.reports.facts.store_reader import (
    Facts,
    HourCounts,
    bounds,
    day_number,
    fingerprint,
    hour_counts,
    hour_start,
    read_events,
    read_facts,
    read_segments,
    read_sessions,
)

log = logging.getLogger(__name__)
# Days younger than this may still change (sessions get their end-of-session answers), so are
# never cached.
OPEN_DAYS = 2


def store_key(engine: Engine) -> str:
    """A short name for the store behind `engine` (its URL without the password)."""
    url = engine.url.render_as_string(hide_password=True)
    return hashlib.sha256(url.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Segment:
    """Days kept in one cache file: a whole closed month, or one closed day."""

    first: dt.date
    last: dt.date

    @property
    def name(self) -> str:
        """The file name."""
        stem = self.first.isoformat()[:7] if self.first != self.last else self.first.isoformat()
        return f"{stem}.facts"


def segments(first: dt.date, last: dt.date, closed: dt.date) -> list[Segment]:
    """Files that cover the days first..last (all on or before `closed`): a month that is
    closed as a whole is one file even when only part of it is asked for, so every report
    shares it; the days of the month that is still open are one file each."""
    out: list[Segment] = []
    month = first.replace(day=1)
    while month <= last:
        following = (month + dt.timedelta(days=32)).replace(day=1)
        month_last = following - dt.timedelta(days=1)
        if month_last <= closed:
            out.append(Segment(month, month_last))
        else:
            day = max(first, month)
            while day <= min(last, month_last):
                out.append(Segment(day, day))
                day += dt.timedelta(days=1)
        month = following
    return out


class FactsCache:
    """Facts for any range of days: closed days from `directory`, the rest from the store."""

    def __init__(self, engine: Engine, directory: Path | None) -> None:
        self.engine = engine
        self.directory = directory / store_key(engine) if directory else None
        self.days_read = 0
        """Days read from the store so far (for tests and the bench)."""
        self.hours_read = 0
        """Hours of the open days whose messages, ratings and escalations were read."""

    def facts(
        self,
        first: dt.date,
        last: dt.date,
        *,
        today: dt.date | None = None,
        parts: tuple[str, ...] = PARTS,
    ) -> Facts:
        """Facts of the UTC days first..last (closed days' cached `parts` only, the rest
        empty: skipping what a caller does not need keeps a big report quick)."""
        today = today or dt.datetime.now(dt.UTC).date()
        newest = today - dt.timedelta(days=OPEN_DAYS)
        closed = min(last, newest)
        if self.directory is None or first > closed:
            return self._open(first, last, parts) if self.directory else self._read(first, last)
        # The store counts (the check of the closed days) and the open days are read in
        # threads while the files are read: SQLite and PostgreSQL work without the GIL.
        with ThreadPoolExecutor(max_workers=2) as pool:
            check = pool.submit(fingerprint, self.engine, first, closed)
            following = closed + dt.timedelta(days=1)
            recent = pool.submit(self._open, following, last, parts) if following <= last else None
            found = [self._closed(first, closed, newest, parts, check.result)]
            if recent is not None:
                found.append(recent.result())
        return Facts.concat(found) if len(found) != 1 else found[0]

    # -- open days ---------------------------------------------------------------------------
    def _open(self, first: dt.date, last: dt.date, parts: tuple[str, ...]) -> Facts:
        """Days that may still change: sessions read live; messages, ratings and escalations
        from hour files, each checked against the store's counts for its hour (new traffic
        lands in the current hour, so that is usually the only one read)."""
        self.days_read += (last - first).days + 1
        lo, hi = bounds(first, last)
        start, days = day_number(first), (last - first).days + 1
        sessions = read_sessions(self.engine, lo, hi) if "sessions" in parts else None
        counts, gaps = Counts.empty(0, 0), Gaps.concat([])
        if "counts" in parts or "gaps" in parts:
            found = hour_counts(self.engine, lo, hi)
            pieces = [self._hour(hour, check) for hour, check in sorted(found.items())]
            counts = Counts.add_up([c for c, _ in pieces], start, days)
            gaps = Gaps.concat([g for _, g in pieces])
            self._forget_hours_before(int(lo.timestamp()) // 3600)
        return Facts(sessions if sessions is not None else Sessions.concat([]), counts, gaps)

    def _hour(self, hour: int, check: HourCounts) -> tuple[Counts, Gaps]:
        """One hour's counts and gap candidates: from its file when the store's counts for the
        hour are still those the file was made with, else read again (and saved)."""
        name = f"hours/{hour_start(hour).strftime('%Y-%m-%dT%H')}.facts"
        loaded = self._load_path(name, ("counts", "gaps"))
        if loaded is not None and loaded[1][0] == check:
            return loaded[0].counts, loaded[0].gaps
        self.hours_read += 1
        at = hour_start(hour)
        day = day_number(at.date())
        counts, gaps = read_events(self.engine, at, at + dt.timedelta(hours=1), day, 1)
        facts = Facts(Sessions.concat([]), counts, gaps)
        self._save_path(name, encode(facts, [check]))
        return counts, gaps

    def _forget_hours_before(self, hour: int) -> None:
        """Hour files of days that are closed now (their month or day file took over)."""
        assert self.directory is not None
        oldest = hour_start(hour).strftime("%Y-%m-%dT%H")
        for path in self.directory.glob("hours/*.facts"):
            if path.stem < oldest:
                path.unlink(missing_ok=True)

    # -- closed days -------------------------------------------------------------------------
    def _closed(
        self,
        first: dt.date,
        last: dt.date,
        newest: dt.date,
        parts: tuple[str, ...],
        check: Callable[[], tuple[int, int]],
    ) -> Facts:
        found = {seg: self._load(seg, parts) for seg in segments(first, last, newest)}
        filled = self._fill([seg for seg, got in found.items() if got is None])
        loaded = {seg: got or filled[seg] for seg, got in found.items()}
        lo, hi = day_number(first), day_number(last)

        def in_range(seg: Segment, counts: list[DayCounts]) -> list[DayCounts]:
            start = day_number(seg.first)
            return counts[max(lo - start, 0) : hi - start + 1]

        cached = [c for seg, (_, counts) in loaded.items() for c in in_range(seg, counts)]
        if _total(cached) != check():
            # Something changed in the store: find the files and read them again.
            changed = [
                seg
                for seg, (_, counts) in loaded.items()
                if _total(counts) != fingerprint(self.engine, seg.first, seg.last)
            ]
            loaded.update(self._fill(changed))
        # Cut the partly wanted files before joining: no pass over the rows of all of them.
        return Facts.concat([facts.between(lo, hi) for facts, _ in loaded.values()])

    def _fill(self, segs: list[Segment]) -> dict[Segment, tuple[Facts, list[DayCounts]]]:
        """Read these files' days from the store (`read_segments`: side by side, or in one
        query) and save them."""
        self.days_read += sum((seg.last - seg.first).days + 1 for seg in segs)
        out = {}
        for seg, facts in zip(
            segs, read_segments(self.engine, [(seg.first, seg.last) for seg in segs]), strict=True
        ):
            counts = day_counts(facts, day_number(seg.first), day_number(seg.last))
            self._save(seg, encode(facts, counts))
            if seg.first != seg.last and self.directory is not None:
                # The month's own file replaces the day files kept while it was open.
                for stale in self.directory.glob(f"{seg.first.isoformat()[:7]}-??.facts"):
                    stale.unlink(missing_ok=True)
            out[seg] = (facts, counts)
        return out

    def _read(self, first: dt.date, last: dt.date) -> Facts:
        self.days_read += (last - first).days + 1
        return read_facts(self.engine, first, last)

    # -- files -------------------------------------------------------------------------------
    def _load(self, seg: Segment, parts: tuple[str, ...]) -> tuple[Facts, list[DayCounts]] | None:
        return self._load_path(seg.name, parts)

    def _load_path(self, name: str, parts: tuple[str, ...]) -> tuple[Facts, list[DayCounts]] | None:
        assert self.directory is not None
        path = self.directory / name
        try:
            return decode(map_file(path), parts)
        except FileNotFoundError:
            return None
        except OldFormat:
            return None  # written by an older Suunta: read the days again, quietly
        except (OSError, ValueError, KeyError) as exc:
            log.warning("ignoring unreadable report cache file %s: %s", path.name, exc)
            return None

    def _save(self, seg: Segment, data: bytes) -> None:
        self._save_path(seg.name, data)

    def _save_path(self, name: str, data: bytes) -> None:
        assert self.directory is not None
        path = self.directory / name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            # Atomic: a concurrent reader sees the old file or the new one, never half of one.
            os.replace(tmp, path)
        except OSError as exc:
            # A cache that cannot be written only makes the next report slower.
            log.warning("cannot write the report cache in %s: %s", path.parent, exc)


def _total(counts: list[DayCounts]) -> tuple[int, int]:
    """Sessions and escalations, as `fingerprint` counts them."""
    return sum(c[0] for c in counts), sum(c[3] for c in counts)
