"""Accounts for counsellors, service owners and admins: users, passwords, sign-in sessions, CSRF."""
