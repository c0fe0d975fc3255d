"""Staff sign-in on the web: the session cookie, role checks, CSRF and the sign-in throttle
(the accounts themselves are in `accounts`)."""
