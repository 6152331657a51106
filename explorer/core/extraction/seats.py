"""Where an agent has its seat and where a thing stands: whether "X in P" states kg:basedIn or kg:locatedIn.

A company, an organisation named by what it does for a living ("shipping agents in Haikou", "a data centre
operator in Zhongwei") or a name "based" or "headquartered" somewhere is based there; a site, a machine or a
network "in" a place stands there (the trade nouns are ``words.TRADE_HEADS``).
"""

from __future__ import annotations

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import Mention
from explorer.core.extraction.spans import singular
from explorer.core.extraction.words import TRADE_HEADS
from explorer.core.vocab import KG

COMPANY, LOCATED_IN, BASED_IN = str(KG.Company), str(KG.locatedIn), str(KG.basedIn)
ORGANIZATION, ALLIANCE = str(KG.Organization), str(KG.IndustryAlliance)


def seat_predicate(lexicon: Lexicon, predicate: str, subject: Mention, pattern: str) -> str:
    """``predicate`` for a fact of ``subject`` read from ``pattern``, with kg:locatedIn turned into kg:basedIn
    where the subject is an agent with a seat."""
    if predicate != LOCATED_IN or not lexicon.ends(BASED_IN)[0]:
        return predicate
    # "Kingdee Robotics is based in Shenzhen": a name of no known kind "based" or "headquartered" somewhere is an agent
    seat_words = pattern in ("based in", "headquartered in") and subject.cls is None and subject.via in ("name", "label", "ner")
    if seat_words or lexicon.is_a(subject.cls, [COMPANY]) or counted_companies(lexicon, subject) or _by_trade(subject) \
            or _named_body(lexicon, subject):
        return BASED_IN
    return predicate


def counted_companies(lexicon: Lexicon, mention: Mention) -> bool:
    """"at least 40 manufacturers": a counted group named by a company's cue (its class says only "group")."""
    return (mention.cls or "").endswith("OrganizationGroup") and any(
        lexicon.is_a(cue.cls, [COMPANY]) and mention.text.lower().endswith(" " + cue.words.lower()) for cue in lexicon.cues)


def _by_trade(mention: Mention) -> bool:
    """"shipping agents", "a data centre operator": a described phrase of no known class whose head names a trade."""
    if mention.cls is not None or mention.iri is not None or mention.via == "pronoun":
        return False
    words = (mention.label or mention.text).lower().split()
    return len(words) > 1 and singular(words[-1]) in TRADE_HEADS


def _named_body(lexicon: Lexicon, mention: Mention) -> bool:
    """"Tibet University in Lhasa", "the Wuhan National Laboratory for Optoelectronics": an organisation with a name of
    its own has its seat there, where a described one ("a joint laboratory in Yizhuang", "an innovation centre") is a
    facility that stands there. An alliance gathers members from many seats: it stands where it was set up."""
    # a description in apposition stands for the name ("X, a state research institute in the city")
    return ((mention.via in ("name", "label", "ner") and mention.text[:1].isupper())
            or (mention.via == "definite" and (mention.label or "")[:1].isupper())) \
        and lexicon.is_a(mention.cls, [ORGANIZATION]) is True and lexicon.is_a(mention.cls, [ALLIANCE]) is not True
