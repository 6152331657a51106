"""Word lists the mention finder reads English with: function words, sentence openers, generic
people and things, titles. Plain data, kept apart from the finder's logic."""

from __future__ import annotations

#: Words that never start or extend a name or a cue-headed phrase.
STOPWORDS = frozenset(
    [
        "a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "your", "my", "it", "he", "she",
        "they", "we", "i", "you", "who", "which", "what", "and", "or", "but", "nor", "with", "from", "of", "to", "for", "in", "on",
        "at", "by", "as", "into", "onto", "over", "under", "than", "more", "most", "less", "also", "alone", "is", "are", "was",
        "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will", "would", "can", "could", "may", "might",
        "must", "shall", "should", "not", "no", "so", "such", "very", "far", "much", "many", "some", "any", "each", "every", "other",
        "another", "both", "all", "only", "just", "even", "still", "said", "says", "say", "added", "adds", "according", "aside",
        "despite", "during", "once", "if", "when", "while", "because", "since", "after", "before", "about", "above", "below",
        "between", "through", "via", "per", "thanks", "large", "part", "example", "for", "so", "far", "currently",
        # prepositions end a noun phrase ("coal mines | across the province")
        "across", "among", "amid", "within", "without", "throughout", "against", "toward", "towards", "around", "near",
        "beyond", "behind", "along", "upon", "including", "like", "plus", "except", "inside", "outside", "onto", "until",
        # a time after a noun phrase is no part of it ("a network | last year")
        "last", "next", "yesterday", "today", "tomorrow", "earlier", "later", "ago",
        # "… its main plant | together with X": a partner follows, not a word of the phrase
        "together", "jointly",
        # adverbs of place and time, and relative words, stand between a phrase and its verb ("trucks there now
        # run", "sensors often ship", "at Qinzhou, where cranes …"): none of them is a word of a noun phrase
        "where", "whose", "whom", "there", "here", "now", "often", "then", "already", "soon", "again", "never", "always",
        "sometimes", "usually", "whereby", "wherever"
    ]
)
#: Capitalised words that begin sentences or name nationalities rather than entities.
NOT_NAMES = frozenset(
    [
        "the", "a", "an", "this", "that", "these", "those", "it", "its", "she", "he", "they", "we", "i", "but", "and", "or", "so",
        "once", "for", "global", "aside", "despite", "according", "for", "example", "however", "meanwhile", "also", "chinese",
        "american", "european", "japanese", "korean",
        # words that open a sentence before its subject
        "besides", "apart", "beyond", "in", "on", "at", "with", "by", "after", "before", "while", "since", "as", "last",
        "next", "earlier", "later", "today", "yesterday", "separately", "meanwhile", "now",
        # days and months date a statement; they are not entities
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november", "december"
    ]
)
#: People spoken of generically ("experts said", "security researchers warned"): no one an analyst
#: records, so they name no entity and fill no slot, alone or after one modifier.
GENERIC_PEOPLE = frozenset(
    [
        "expert", "analyst", "researcher", "official", "executive", "engineer", "observer", "insider", "source", "people",
        "critic", "scientist", "specialist", "manager", "employee", "worker", "user", "customer", "industry watcher",
        "miner", "technician", "driver", "staff", "resident", "farmer", "student"
    ]
)
#: Titles before a person's name ("Professor Li Na", "Dr. Wu"): not part of the name, but they say it is a person's.
TITLES = frozenset(["professor", "prof", "dr", "mr", "mrs", "ms", "miss", "madam", "sir", "academician"])
#: Abstract nouns that, alone and bare ("carries risks", "raises concerns"), name nothing an analyst records.
GENERIC_THINGS = frozenset(["risk", "threat", "challenge", "concern", "problem", "issue", "benefit", "opportunity",
                            "question", "difficulty", "worry", "change"])
#: Units a number counts: "30 percent", "800 million yuan", "three days" are quantities, not things.
UNITS = frozenset(["percent", "per", "yuan", "dollars", "euros", "million", "billion", "trillion", "thousand", "days", "years",
                   "months", "weeks", "hours", "minutes", "seconds", "times", "kilometres", "kilometers", "km", "tonnes",
                   "tons", "degrees", "percentage", "points", "gigabits", "megabits", "milliseconds", "metres", "meters",
                   "kilograms", "litres", "liters", "square", "hectares", "miles", "feet", "centimetres", "millimetres"])
#: -ly words that are adjectives, not adverbs: they stay in a noun phrase ("a quarterly bulletin").
LY_ADJECTIVES = frozenset(["quarterly", "monthly", "weekly", "yearly", "daily", "hourly", "early", "elderly", "friendly",
                           "costly", "timely", "assembly", "supply", "family", "italy", "anomaly"])
