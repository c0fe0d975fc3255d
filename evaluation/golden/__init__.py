"""Golden question sets: the cases (`cases.py`), scoring a reply (`scoring.py`), a run in-process
or against a server (`run.py`) and the runs kept in the store (`stored_runs.py`)."""
