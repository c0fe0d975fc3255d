"""The organisations Suunta serves through (their sectors, regions and embed sites)."""
