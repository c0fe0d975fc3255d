"""Cross-sector monitoring: the common indicator set at national, region, sector and
organisation level, suppressed across levels and periods, and its open-data package."""
