"""Word lists the sentence scoring (`assistant.sentences`) weighs down: question words and
pointers, and words that only set the scene."""

from __future__ import annotations

import re

# Question words and pointers that say nothing about the topic (beyond knowledge_base's list).
FILLER_WORDS = {
    "en": "who where when which will would should get go there here still any some much many "
    "anything something really even know need want",
    "fi": "sinne siellä siinä tässä kuka ketkä saa saako voi voiks voisin pitää pitääkö mä mun oo "
    "ei jos kun vielä viel enää nyt miten mitä mikä mistä missä mihin milloin onko olla ole olen "
    "minun sinun mulle mua jotain joku jotenkin tosi ihan vaan vain",
    "sv": "man får ska kan det där dit vem vilka vilken hur när var finns mig mej jag vill är "
    "nu ännu fortfarande någon något några bara",
}
# Words that usually only set the scene ("in Finland", "Finnish employers"): they count less.
SCENE_WORDS = frozenset(
    re.findall(r"\S+", "finland finnish suomi suomen suomessa suomeen finland finländsk finsk")
)
