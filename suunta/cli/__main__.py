"""`python -m suunta.cli`."""

from suunta.cli import main

raise SystemExit(main())
