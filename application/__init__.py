"""The application layer: the services the web routes and the CLI both call (chat, reports)."""
