"""The fixed sector codes an organisation belongs to, with their names in fi, sv and en."""

from __future__ import annotations

SECTORS: dict[str, dict[str, str]] = {
    "education": {"fi": "Koulutus", "sv": "Utbildning", "en": "Education"},
    "employment_services": {
        "fi": "Työllisyyspalvelut",
        "sv": "Sysselsättningstjänster",
        "en": "Employment services",
    },
    "youth_services": {"fi": "Nuorisopalvelut", "sv": "Ungdomstjänster", "en": "Youth services"},
    "social_health": {
        "fi": "Sosiaali- ja terveyspalvelut",
        "sv": "Social- och hälsovårdstjänster",
        "en": "Social and health services",
    },
    "integration": {"fi": "Kotoutuminen", "sv": "Integration", "en": "Integration"},
    "third_sector": {"fi": "Kolmas sektori", "sv": "Tredje sektorn", "en": "Third sector"},
    "other": {"fi": "Muu", "sv": "Annan", "en": "Other"},
}

NATIONAL = "national"
"""The pseudo-organisation of sessions that came through no registered organisation: the
national service itself (it has no sector and no region)."""
