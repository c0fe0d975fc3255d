"""How long the indicator reports take: cold (the year's table read and suppressed) and warm
(the table kept while the store's year is unchanged), for one organisation, a region and the
national level, and the open-data package.

    SUUNTA_DATABASE_URL=sqlite:///var/bench/monitoring.db .venv/bin/suunta demo-data \\
        --sessions 60000 --days 330
    SUUNTA_DATABASE_URL=sqlite:///var/bench/monitoring.db .venv/bin/python bench/monitoring.py

The period is the last ended month. Wall and CPU seconds are printed with the load average:
the machine is shared, so compare within one run.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from application.organisations import OrganisationService  # noqa: E402
from evaluation.monitoring.open_data import build_package  # noqa: E402
from suunta.settings import Settings  # noqa: E402
from suunta.wiring import make_monitoring  # noqa: E402
from telemetry.store import init_schema, make_engine  # noqa: E402


def main() -> None:
    """Time the reports on the configured store."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--org", default="ohjaamo-helsinki", help="organisation to report on")
    parser.add_argument("--region", default="uusimaa")
    args = parser.parse_args()
    settings = Settings()
    engine = make_engine(settings.database_url)
    init_schema(engine)
    service = make_monitoring(settings, engine, OrganisationService(engine))
    period = service.period(None, None)
    print(f"store {settings.database_url}, period {period.label}, load {os.getloadavg()[0]:.1f}")
    for label, level, ident in (
        ("org (cold)", "org", args.org),
        ("org (warm)", "org", args.org),
        ("region (warm)", "region", args.region),
        ("national (warm)", "national", None),
    ):
        wall, cpu = time.perf_counter(), time.process_time()
        service.report(level, ident, period)
        print(
            f"{label:18} {time.perf_counter() - wall:7.3f} s wall "
            f"{time.process_time() - cpu:7.3f} s CPU"
        )
    wall = time.perf_counter()
    build_package(service.monitoring(), period)
    print(f"{'open data (warm)':18} {time.perf_counter() - wall:7.3f} s wall")
    engine.dispose()


if __name__ == "__main__":
    main()
