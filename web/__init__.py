"""The FastAPI application: thin routes, the learner chat, the co-pilot and the dashboard."""
