"""Suunta: AI-assisted career guidance for lifelong learners in Finland."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("suunta")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
