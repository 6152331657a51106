"""Who "it" is where it is the subject of a clause inside a sentence that has a subject of its own.

"Kaifeng Unicom said the traffic runs over a core it built last year", "The bureau traced the probing to a gang it
tracks as Red Kite, which it says is paid by …", "Lanxun, the Hefei-based security firm, said it had found …": an
"it" followed by its verb, within a sentence, stands for who speaks (the subject of the reporting verb before it), else
for the subject the sentence opens on; never for the noun right before it, which the clause describes ("a core it
built": the core is what was built). Where neither is known it is what an earlier such "it" of the sentence is; where
nothing is, it stands for nothing (no guess from the nearest noun).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from explorer.core.extraction import speech, wordclass
from explorer.core.extraction.spans import Mention

ClauseSubject = Callable[[str, Sequence[Mention], int], "Mention | None"]

#: Words that make "it" the subject of what follows: an auxiliary or a modal ("it has", "it would").
_AUXILIARIES = frozenset(["has", "had", "have", "is", "was", "will", "would", "could", "can", "may", "might", "should",
                          "must", "does", "did", "says", "said", "plans", "wants", "hopes", "expects", "believes"])
#: Adverbs that may stand between "it" and its verb ("it also runs", "it now tracks").
_ADVERB = re.compile(r"(?:also|now|still|then|later|previously|already|only|first|recently|further|once)$")
_NEXT_WORD = re.compile(r"\s+([a-z][a-z-]*)")
#: A verb of reporting, whose subject is the one "it" stands for in what is reported.
_REPORTING = re.compile(rf"(?<![\w-]){speech.saying()}(?![\w-])")
#: What stands right before a subject "it" that opens a clause of its own ("…, and it plans", "It runs"): read elsewhere.
_CLAUSE_OPENING = re.compile(r"(?:^|[,;:]|\band|\bbut|\bwhile)\s*$", re.IGNORECASE)
_PLACE, _PERSON = "Place", "Person"


def subject_of_verb(text: str, end: int) -> bool:
    """Whether "it" ending at ``end`` is followed by its verb ("it had built", "it tracks", "it also runs")."""
    at = end
    for _ in range(2):
        word = _NEXT_WORD.match(text, at)
        if word is None:
            return False
        form = word.group(1)
        if form in _AUXILIARIES:
            return True
        if _ADVERB.match(form):
            at = word.end()
            continue
        # a verb's past or its present in -s ("it attributed", "it tracks"), no noun of that form ("it reports" reads
        # as a verb too: a noun does not follow "it")
        return bool(wordclass.past(form) or wordclass.present_third(form))
    return False


def _fits(mention: Mention | None) -> bool:
    cls = mention.cls or "" if mention is not None else ""
    return mention is not None and (mention.iri is not None or mention.label is not None) \
        and not cls.endswith((_PLACE, _PERSON, "City", "Province", "Country"))


def _sentence_subject(text: str, others: Sequence[Mention], clause_subject: ClauseSubject, start: int = 0) -> Mention | None:
    """The mention the sentence (from ``start``) opens on as its subject (after an opening phrase and its comma at most)."""
    for mention in [m for m in others if m.start >= start][:3]:
        found = clause_subject(text, others, mention.end)
        if found is not None and found.start == mention.start:
            return found
    return None


def subject_it(text: str, mentions: list[Mention], clause_subject: ClauseSubject) -> list[Mention]:
    """The sentence's mentions with each "it" that is the subject of an inner clause read as who speaks or as the
    sentence's subject (see the module's docstring)."""
    out = list(mentions)
    earlier: Mention | None = None
    for index, mention in enumerate(out):
        if mention.via != "pronoun" or mention.text != "it" or not subject_of_verb(text, mention.end):
            continue
        before = text[:mention.start]
        others = [m for m in out[:index] if m.via != "pronoun"]
        reporting = list(_REPORTING.finditer(before))
        reported = reporting and _REPORTED.fullmatch(before, reporting[-1].end()) is not None
        # the noun right before ("a core it built", "a group that it tracks") is what a relative clause describes
        described = next((m for m in reversed(others) if _RELATIVE_AFTER.fullmatch(before, m.end)), None)
        colon = max(before.rfind(":"), before.rfind(";"))
        if colon > 0 and _CLAUSE_OPENING.search(before) and mention.start > colon:
            # "Critics are wary: in a letter, the bureau warned …, and it told …": the subject after the colon
            after = _sentence_subject(text, others, clause_subject, colon + 1)
            if _fits(after) and after is not None:
                out[index] = mention = replace(after, start=mention.start, end=mention.end, text=mention.text, via="pronoun")
        if _CLAUSE_OPENING.search(before) or (described is None and not reported):
            # "It runs …", "…, and it plans", "because it …": read by second_clause_it and the reader of pronouns
            earlier = earlier or (mention if _fits(mention) else None)
            continue
        speaker = clause_subject(text, others, reporting[-1].start()) if reporting else None
        target = next((m for m in (speaker, _sentence_subject(text, others, clause_subject))
                       if m is not None and _fits(m) and (described is None or m.key != described.key)), None)
        if target is None and described is None:
            earlier = earlier or (mention if _fits(mention) else None)
            continue  # "… added that it had …" with no speaker found: the reading it had
        target = target or earlier
        if target is None:
            # the nearest noun is no subject of its own relative clause, and nothing names one: "it" stands for nothing
            out[index] = Mention(mention.start, mention.end, mention.text, via="pronoun")
            continue
        out[index] = replace(target, start=mention.start, end=mention.end, text=mention.text, via="pronoun")
        earlier = earlier or out[index]
    return out


#: What may follow a reporting verb before "it": a day or a place, "that".
_REPORTED = re.compile(r"(?:\s+(?:on|in|last|this)\s+[A-Z]?\w+)?\s+(?:that\s+)?")
#: What stands between a noun and "it" in a relative clause: nothing, "which" or "that" (after a comma at most).
_RELATIVE_AFTER = re.compile(r",?\s+(?:(?:which|that)\s+)?")


#: "the plant's two body shops and its paint shop", "the depot's 24 tracks, its wheel shop and its wash plant": a
#: possessive (or an "its" read so before), what it owns (no clause), then "and its" or a list's comma.
_PARALLEL_ITS = re.compile(r"['’]s\s+(?:[\w,-]+\s+){1,5}?(?:and|or)\s+$|(?:['’]s)?\s+(?:[\w-]+\s+){0,4}?[\w-]+,\s+(?:(?:and|or)\s+)?$")
_LISTED_ITS = re.compile(r"\s+(?:[\w-]+\s+){0,4}?[\w-]+(?:,\s+|,?\s+(?:and|or)\s+)$")


def parallel_its(text: str, mentions: list[Mention]) -> list[Mention]:
    """"its" joined by "and" to a thing a possessor named just before owns is that possessor's ("across the yard's
    cranes and its gates": the yard), whatever the clause's subject."""
    out = list(mentions)
    parallel: list[Mention] = []
    for index, mention in enumerate(out):
        if mention.via != "pronoun" or mention.text.lower() != "its":
            continue
        owner = next((m for m in reversed(out[:index]) if m.end <= mention.start and (
            (m.via != "pronoun" and _PARALLEL_ITS.fullmatch(text, m.end, mention.start) is not None
             and ("," not in text[m.end:mention.start] or text[m.end] in "'’"))
            or (m.via == "pronoun" and m.text.lower() == "its" and m in parallel
                and _LISTED_ITS.fullmatch(text, m.end, mention.start) is not None))), None)
        if owner is not None and (_fits(owner) or (owner.cls or "").endswith(_PLACE)):  # a site's parts ("its wash plant")
            out[index] = replace(owner, start=mention.start, end=mention.end, text=mention.text, via="pronoun")
            parallel.append(out[index])
    return out
