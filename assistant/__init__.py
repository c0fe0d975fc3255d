"""Turns a learner's or counsellor's message into a grounded, cited reply."""
