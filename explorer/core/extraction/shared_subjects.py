"""The subject a verb after "and" shares with the clause before it, when it has none of its own.

- a subject relative clause with a second verb: "X, which has 600 members and has been promoting Y", "a platform that
  runs on X and hosts apps", also past an apposition inside it ("which is run by X, a unit of Y, and hosts …");
- a passive and its agent: "The platform was built by Inspur and hosts apps" (what the passive speaks of);
- a verb right after ", and" or "and" in the present: the clause's first mention no preposition governs, in the
  reported clause when there is one ("X said that Y hosts apps and runs on Z": Y).

None of them quotes an article; the words they read are English function words.
"""

from __future__ import annotations

import re

from explorer.core.extraction.constructions import governed
from explorer.core.extraction.relatives import POSSESSOR, asides
from explorer.core.extraction.spans import Mention

#: A passive and its agent before "and" and a verb: "The platform was built by Inspur and hosts …".
_PASSIVE_AGENT_AND = re.compile(r"(?<![\w-])(?:is|are|was|were|has\s+been|have\s+been)\s+(?:[a-z]+ly\s+)?[a-z]+\s+by\s+"
                                r"[^,;]*?\s+and\s+(?:(?:also|now|then|later)\s+)?$", re.IGNORECASE)
#: A passive with any preposition before "and" and a verb in the past: "The worm was aimed at payroll files and encrypted
#: …" (what the passive speaks of encrypted them, not the files).
_PASSIVE_AND_PAST = re.compile(r"(?<![\w-])(?:is|are|was|were|has\s+been|have\s+been)\s+(?:[a-z]+ly\s+)?[a-z]+ed\s+"
                               r"(?:at|on|to|in|into|against|from|for|with)\s+[^,;]*?\s+and\s+(?:(?:also|then|later)\s+)?$",
                               re.IGNORECASE)
#: ", and would require", ", and will build": a modal after ", and" opens a verb that shares the clause's subject.
_AND_MODAL = re.compile(r",\s*and\s+(?:would|will|could|can|may|might|should|must|plans\s+to|intends\s+to)\s+"
                        r"(?:(?:also|then|later|soon|now)\s+)?$", re.IGNORECASE)


#: ", which has … and (has been)", "a platform that runs on X and hosts": a subject relative clause whose second verb
#: follows "and" (not "which the X launched"), past an apposition inside it ("which is run by X, a unit of Y, and hosts")
_RELATIVE_AND = re.compile(r"(?:,\s+(?:which|who)|(?<=\w)\s+that)\s+(?!(?:the|a|an|its|their|it|they|this|these)\s)(?![A-Z])"
                           r"[^,;]*?(?:,\s+(?:a|an|the)\s[^,;]*?,)?\s+and\s+"
                           r"(?:(?:has|have|had|been|also|now|is|are|was|were|[a-z]+ly)\s+)*$")


#: ", which the federation set up with X and which | counts …": a second relative joined by "and" has the first one's antecedent.
_AND_WHICH = re.compile(r",\s+which\s[^,;]*?\s+and\s+which\s+(?:(?:also|now|has|have|is|are)\s+)*$", re.IGNORECASE)


def shared_subject(mentions: list[Mention], text: str, start: int, by_words: bool) -> Mention | None:
    """The subject a verb at ``start`` after "and" shares with the clause before it, when it has none of its own:
    "He said that …, and urged companies to …" (the sentence's first mention no preposition governs; also "… and is
    operated by"); "The platform was built by Inspur and hosts apps" (what the passive speaks of, not its agent)."""
    before = text[:start]
    second = _AND_WHICH.search(before)
    if second is not None:
        return next((m for m in mentions if m.end == second.start() and m.via != "pronoun"), None)
    relative = _RELATIVE_AND.search(before)
    antecedent = next((m for m in mentions if relative is not None and m.end == relative.start() and m.via != "pronoun"), None)
    if antecedent is not None:
        # "X, which has 600 members and has been promoting Y": the relative's verbs all have X as subject
        return antecedent
    if relative is not None and relative.group(0).startswith(","):
        return None
    passive = _PASSIVE_AGENT_AND.search(before)
    if passive is not None:
        return next((m for m in reversed(mentions) if m.end <= passive.start() and m.via != "pronoun"
                     and not POSSESSOR.match(text, m.end)), None)
    passive = _PASSIVE_AND_PAST.search(before) if re.match(r"[a-z]+ed\s", text[start:]) else None
    if passive is not None:
        # past an aside between the subject and its verb ("The worm, which spread through USB sticks, was aimed at")
        outside = [m for m in mentions if m.end <= passive.start() and m.via != "pronoun" and not POSSESSOR.match(text, m.end)
                   and not any(s < m.start < e for s, e, _relative in asides(text))]
        return outside[-1] if outside else None
    if re.search(r",\s*and\s+(?:(?:has|have|had|also|then|later|jointly|now)\s+)*$", before) or _AND_MODAL.search(before) \
            or (by_words and re.search(r"(?<![\w-])and\s+(?:is|are|was|were)\s+$", before)) \
            or (re.search(r"(?<![\w-])and\s+(?:(?:also|then|now|still)\s+)?$", before) and re.match(r"[a-z]+s\s", text[start:])):
        # "X now hosts 900 apps and runs on a cloud": a verb in the present right after "and" has no subject of its own
        under = governed(mentions, text)
        # "X said that Y hosts apps and runs on …": the reported clause's own subject, not the speaker
        opening = max((m.end() for m in _REPORTED_THAT.finditer(before)), default=0)
        return next((m for m in mentions if opening <= m.start and m.end <= start and m not in under), None)
    return None


_REPORTED_THAT = re.compile(r"(?<![\w-])(?:said|says|warned|warns|added|noted|reported|found|announced)\s+that\s",
                            re.IGNORECASE)


#: ", which it | attributed to": a relative clause whose own subject is a pronoun, before the verb.
_WHICH_PRONOUN = re.compile(r",\s+which\s+(?:it|they|he|she)\s+(?:(?:later|also|then)\s+)?$", re.IGNORECASE)
#: What joins a noun to one that describes it: "scans | of the valves", "servers | in Laos".
_OF_PHRASE = re.compile(r"\s+(?:of|from|in|at|on|against)\s+(?:(?:the|a|an|its|their)\s+)?")


def pronoun_relative_head(mentions: list[Mention], text: str, start: int) -> Mention | None:
    """"logged scans of the valves from servers in Laos, which it attributed to a gang": the pronoun is the relative's
    subject, and what "which" stands for — the head of the noun phrase before the comma, past its prepositional phrases
    — is the verb's object, the subject of a property whose words end with a preposition. None outside such a clause."""
    clause = _WHICH_PRONOUN.search(text[:start])
    head = next((m for m in mentions if clause is not None and m.end == clause.start() and m.via != "pronoun"), None)
    while head is not None:
        before = next((m for m in mentions if m.end < head.start and _OF_PHRASE.fullmatch(text, m.end, head.start)), None)
        if before is None or before.via == "pronoun":
            break
        head = before
    return head
