"""`suunta orgs import-contacts`: monthly face-to-face, phone and chat contacts, all or nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from organisations.contacts import contacts_by_month
from telemetry.store import init_schema, make_engine
from tests.organisations.test_cli import ADD, run


def test_import_replace_and_refuse(tmp_path: Path) -> None:
    assert run(tmp_path, *ADD).returncode == 0
    good = tmp_path / "contacts.csv"
    good.write_text(
        "org_id,month,channel,contacts\n"
        "ohjaamo-tampere,2026-08,face_to_face,431\n"
        "ohjaamo-tampere,2026-08,phone,97\n"
        "ohjaamo-tampere,2026-09,face_to_face,412\n",
        encoding="utf-8",
    )
    result = run(tmp_path, "orgs", "import-contacts", str(good))
    assert result.returncode == 0 and "imported 3 rows" in result.stdout, result.stderr
    again = tmp_path / "again.csv"
    again.write_text("org_id,month,channel,contacts\nohjaamo-tampere,2026-08,phone,100\n")
    assert run(tmp_path, "orgs", "import-contacts", str(again)).returncode == 0
    for line, words in (
        ("nobody,2026-08,phone,1", "line 3: no organisation 'nobody'"),
        ("ohjaamo-tampere,2026-13,phone,1", "line 3: month"),
        ("ohjaamo-tampere,2026-10,fax,1", "line 3: channel"),
        ("ohjaamo-tampere,2026-10,phone,-4", "line 3: contacts"),
        ("ohjaamo-tampere,2026-10,phone,many", "line 3: contacts"),
        ("ohjaamo-tampere,2026-10,chat,5", "line 3: ohjaamo-tampere 2026-10 chat given twice"),
    ):
        bad = tmp_path / "bad.csv"
        bad.write_text(f"org_id,month,channel,contacts\nohjaamo-tampere,2026-10,chat,5\n{line}\n")
        refused = run(tmp_path, "orgs", "import-contacts", str(bad))
        assert refused.returncode == 2 and words in refused.stderr, refused.stderr
        assert refused.stderr.count("\n") == 1
    assert run(tmp_path, "orgs", "import-contacts", str(tmp_path / "none.csv")).returncode == 2
    engine = make_engine(f"sqlite:///{tmp_path / 'suunta.db'}")
    stored = contacts_by_month(engine=engine, org_id="ohjaamo-tampere")
    # the refused files left nothing (no 2026-10), the second import replaced the phone figure
    assert stored == {
        dt.date(2026, 8, 1): {"face_to_face": 431, "phone": 100},
        dt.date(2026, 9, 1): {"face_to_face": 412},
    }
    engine.dispose()


def test_migration_matches_the_model(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    init_schema(engine)

    def own(obj: object, name: str | None, type_: str, *_: object) -> bool:
        table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
        return table == "guidance_contacts"

    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": own})
        assert list(compare_metadata(context, SQLModel.metadata)) == []
    engine.dispose()
