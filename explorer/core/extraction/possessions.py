"""What a possessor written as a reference has: "the plant's drawing towers", "the fab's cleanrooms", "its lab".

The references read the possessor as the entity it stands for; what it has follows its "'s" or "its". A site's
belongings stand in it ("the terminal's jetty": the jetty is in the terminal named before); an organisation's own site
is one it runs ("at its plant in Feixi", "tested routers at its lab": the lab is a site here, no institute of its own).
An owner's quality, money or people ("the city's subsidies", "the plant's workers") are no thing that stands anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from itertools import pairwise

from explorer.core.extraction import sites
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention, Reading, singular
from explorer.core.extraction.words import GENERIC_PEOPLE
from explorer.core.extraction.words import OWNED_NO_THINGS as _NO_THINGS
from explorer.core.vocab import KG

AGENT, ORGANIZATION, PLACE, RISK = str(KG.Agent), str(KG.Organization), str(KG.Place), str(KG.CyberRisk)
LOCATED, OPERATES = str(KG.locatedIn), str(KG.operates)
#: Rooms where work is done, named by an owner's possessive as its site ("its lab", "the university's laboratory").
_WORKROOMS = frozenset(["lab", "laboratory", "testbed", "test bed", "centre", "center", "control room", "office"])
_ABSTRACT = ("tion", "sion", "ness", "ity", "ance", "ence", "ship", "ism")
_GENITIVE = re.compile(r"['’]s?\s+")


def _head(mention: Mention) -> str:
    words = (mention.label or mention.text).split()
    return singular(words[-1].lower()) if words else ""


#: Sites whose belongings are no things standing in them: a platform hosts software, a port's terminals are read apart.
_NO_SITES = frozenset(["platform", "port"])
#: Things that span a site rather than stand in one ("the plant's network": the keys of who built or runs it say more).
#: What an attack hits that its owner runs: "its booking servers", "its appointment system".
_SYSTEM = re.compile(r"(?<![\w-])(?:system|server|controller|gateway|workstation)s?$", re.IGNORECASE)
#: A verb of harm after which "its" names what was harmed.
_ATTACK_BEFORE = re.compile(r"(?<![\w-])(?:attack|ransomware|malware|intrusion|hackers?)(?![\w-]).*\s(?:encrypted|knocked\s+out|"
                            r"disabled|crippled|paralysed|paralyzed|disrupted|took\s+down|shut\s+down|infected|wiped|locked)\s+$",
                            re.IGNORECASE)
_SPANNING = frozenset(["network", "system", "grid", "cloud"])


def _last(mention: Mention) -> str:
    words = (mention.label or mention.text).split()
    return words[-1].lower() if words else ""


def _listed(owner: Mention, mentions: list[Mention], text: str) -> bool:
    """Whether what "its" stands for is one of a list in its sentence ("A and B fitted Y at its plant": a list is "their",
    so "its" is someone else's)."""
    named = [m for m in mentions if m.key == owner.key and m.via != "pronoun"]
    return any(re.fullmatch(r"\s+(?:and|&)\s+", text[o.end:m.start]) or re.fullmatch(r"\s+(?:and|&)\s+", text[m.end:o.start])
               for o in named for m in mentions if m is not o and m.via in ("name", "label", "cue"))


def _a_thing(lexicon: Lexicon, mention: Mention) -> bool:
    """A thing that stands somewhere: no one who acts, no place, no person, no quality, money or measure."""
    head = _head(mention)
    return mention.iri is None and mention.via in ("phrase", "cue") and lexicon.is_a(mention.cls, [AGENT]) is not True \
        and lexicon.is_a(mention.cls, [PLACE]) is not True and head not in _NO_THINGS and head not in GENERIC_PEOPLE \
        and not head.endswith(_ABSTRACT) and head[:1].isalpha()


def _own_site(lexicon: Lexicon, mention: Mention) -> bool:
    words = (mention.label or mention.text).lower()
    return mention.iri is None and mention.via in ("phrase", "cue") and not mention.text[:1].isupper() \
        and (sites.has_site_head(lexicon, mention) or any(words == w or words.endswith(" " + w) for w in _WORKROOMS))


def _hit(lexicon: Lexicon, owner: Mention, mentions: list[Mention]) -> bool:
    """Whether the body "its" stands for is named in the sentence after an attack (what the attack hit)."""
    attacks = [m.end for m in mentions if lexicon.is_a(m.cls, [RISK]) is True]
    return any(m.key == owner.key and m.via != "pronoun" and any(end <= m.start for end in attacks) for m in mentions)


def referred_owners(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"the plant's drawing towers" (they stand in the plant read for "the plant"), "its lab in Beijing" (the owner "its"
    stands for runs the lab)."""
    for owner, owned in pairwise(sorted(mentions, key=lambda m: m.start)):
        between = text[owner.end:owned.start]
        if owner.via == "definite" and _GENITIVE.fullmatch(between) and owner.text[:1].lower() == "t" \
                and sites.has_site_head(lexicon, owner) and _head(owner) not in _NO_SITES \
                and lexicon.is_a(owner.cls, [AGENT]) is not True and _a_thing(lexicon, owned) \
                and not sites.has_site_head(lexicon, owned) and _head(owned) not in _SPANNING:
            # "the terminal's jetty": a site's belonging stands in it (no agent's: "the group's plant" is run, read apart)
            yield (owned, LOCATED, owner, "'s", owner.end, owned.start, 0.6)
        elif owner.via == "pronoun" and owner.text.lower() in ("its", "their") and between == " " \
                and (owner.iri is not None or owner.label is not None) and lexicon.is_a(owner.cls, [ORGANIZATION]) is True \
                and _own_site(lexicon, owned) and singular(_last(owned)) == _last(owned) and not _listed(owner, mentions, text) \
                and not re.search(r"(?<![\w-])(?:all|each|some|many|most|several|one|none)\s+of\s+$", text[:owner.start], re.IGNORECASE):
            # "at its lab in Beijing": a room an organisation has is a site it runs, not an institute of its own
            site = replace(owned, cls=None) if lexicon.is_a(owned.cls, [ORGANIZATION]) is True else owned
            yield (owner, OPERATES, site, owner.text, owner.start, owned.start, 0.6)
        elif owner.via == "pronoun" and owner.text.lower() == "its" and between == " " and owner.label is not None \
                and _SYSTEM.search(owned.text) and _a_thing(lexicon, owned) and _ATTACK_BEFORE.search(text[:owner.start]) \
                and lexicon.is_a(owner.cls, [ORGANIZATION]) is True and _hit(lexicon, owner, mentions):
            # "an attack targeted a hospital and knocked out its appointment system": the body the attack hit runs it
            yield (owner, OPERATES, owned, owner.text, owner.start, owned.start, 0.55)
