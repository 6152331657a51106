"""What a verb of warning speaks of: the threats named in what is warned.

"X warned that state-backed espionage against private networks could lead to the theft of drawings", "Such tampering could
lead to explosions, the firm cautioned", "who also warned that a compromised server could be used to push malicious
updates": a warning needs no exposure stated ("is exposed to") for its threats to be warned of; every threat its clause
names is. The verbs are the lexicon's verbs of warning (``kg:warnsOf``'s ``kg:speechVerb``): "said" reports, it does not
warn, and is read by ``constructions.reported_warnings`` through the exposures it reports.

Not warned of: an attack that happened ("the breach last week"), those who attack, a weakness, a threat inside another
speaker's words, a threat named in a quotation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from explorer.core.extraction import incidents, speech, weaknesses
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention
from explorer.core.vocab import KG

LEADS_TO = str(KG.leadsTo)

WARNING = re.compile(rf"(?<![\w-]){speech.alternation(speech.lemmas(speech.WARNS), ('VBD', 'VBZ', 'VB'))}(?![\w-])", re.IGNORECASE)
#: What opens the clause a verb of warning governs: "that", "of", "about" (an adverb of time may stand before it).
_OPENS = re.compile(r"(?:\s+(?:[a-z]+ly|again|also|last\s+\w+|this\s+\w+|on\s+\w+|(?:\w+\s+)?(?:days?|weeks?|months?)\s+later"
                    r"|later))*\s+(?:that|of|about|against)\s"
                    # "the kind that X warned about in a report": a stranded preposition, its object stands before the verb
                    r"(?!(?:in|on|at|for|since|last|this|earlier|after|before)\s)", re.IGNORECASE)
_RISK_OF = re.compile(r"(?<![\w-])(?:risks?|threats?|dangers?)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
#: Where the clause after the verb ends: a semicolon, a colon, or the end of the sentence.
_CLAUSE_END = re.compile(r"[;:]")
#: A verb closing a sentence it reports: "…, the firm warned." (its speaker after a comma, the clause before it).
_CLOSING = re.compile(r"\s*[.!?\"”]*\s*$")


def warned_threats(lexicon: Lexicon, mentions: list[Mention], text: str, verb: re.Match[str], speaker: Mention,
                   reporting: re.Pattern[str], facts: list[tuple[Mention, str, Mention]]) -> Iterator[Mention]:
    """The threats the warning at ``verb`` (of ``speaker``) names in what it warns; what a threat would lead to (the
    object of a kg:leadsTo fact: "could lead to the theft of drawings") is a harm foretold, not the threat warned of."""
    if WARNING.fullmatch(verb.group()) is None:
        return
    opens = _OPENS.match(text, verb.end())
    if opens is not None:
        stop = _CLAUSE_END.search(text, opens.end())
        start, end = opens.end(), stop.start() if stop is not None else len(text)
    elif speaker.end <= verb.start() and _CLOSING.fullmatch(text, verb.end()) and re.search(r",\s*(?:the\s+)?$", text[:speaker.start]):
        start, end = 0, speaker.start  # "Such tampering … could lead to explosions, the firm warned."
    else:
        return
    harms = {obj.key for _subject, predicate, obj in facts if predicate == LEADS_TO}
    leading = [p.regex for p in lexicon.patterns if p.predicate == LEADS_TO and not p.object_first]
    for mention in mentions:
        if mention.key in harms or _after_any(leading, text, mention.start):
            continue
        if not (start <= mention.start and mention.end <= end) or mention.key == speaker.key or mention.via == "pronoun":
            continue
        # "warned of the risk of remote valve manipulation": what a risk is "of" is a threat, whatever its words
        risk_of = mention.cls is None and mention.via == "phrase" and _RISK_OF.search(text[:mention.start]) is not None
        if not (weaknesses.warned_of(lexicon, mention) or risk_of) or incidents.one_attack(lexicon, mention, text):
            continue
        if re.search(r"(?<![\w-])(?:such|this|these|those)\s+$", text[:mention.start], re.IGNORECASE):
            continue  # "Such tampering …": a threat named before, which the reader of references tells
        between = (verb.end(), mention.start) if mention.start >= verb.end() else (mention.end, verb.start())
        if reporting.search(text, *between) or _quoted(text, mention.start):
            continue  # another speaker's words, a quotation: not this warning's
        yield mention


def _after_any(patterns: list[re.Pattern[str]], text: str, position: int) -> bool:
    """Whether one of the patterns governs what stands at ``position``: right before it, or before a list it ends with no
    comma between ("could lead to | the theft", "could lead to sabotaged lines or | the theft of data")."""
    before = text[max(0, position - 90):position]
    return any(re.fullmatch(r"\s+(?:[^,;:]*\s(?:or|and)\s+)?(?:(?:the|a|an)\s+)?", before[found.end():], re.IGNORECASE) is not None
               for p in patterns for found in p.finditer(before))


def _quoted(text: str, position: int) -> bool:
    return (text.count('"', 0, position) % 2 == 1) or text.count("“", 0, position) > text.count("”", 0, position)
