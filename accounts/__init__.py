"""Staff accounts (counsellor, owner, admin): users, password hashes and sign-in sessions.

Learners need no account. The tables live in the telemetry store's database and are made by its
Alembic migrations (revision 0003).
"""
