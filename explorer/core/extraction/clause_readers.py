"""All that the clause readers (``clauses``, ``relatives``, ``sites``, ``slots``) say of one sentence beside the facts its
trigger words state, and which of those facts a reader's fuller reading replaces."""

from __future__ import annotations

from collections.abc import Callable

from explorer.core.extraction import (
    attachment,
    carriers,
    clauses,
    member_groups,
    owned_sites,
    partners,
    relatives,
    scenes,
    sites,
    slots,
    things,
)
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention
from explorer.core.vocab import KG

EXAMPLE_OF, HAS_MEMBER = str(KG.exampleOf), "http://www.w3.org/ns/org#hasMember"
HAS_MEMBER_GROUP = str(KG.hasMemberGroup)
MEMBERSHIP = (relatives.MEMBER_OF, relatives.MEMBER_GROUP_OF)

Fact = clauses.Fact


def extra_facts(lexicon: Lexicon, read: list[Fact], mentions: list[Mention], text: str,
                earlier_alliance: Mention | None, earlier_site: Mention | None) -> list[Fact]:
    """The facts the readers find in ``text``, given the facts ``read`` from its trigger words."""
    # ("the alliance, which A, B and C launched": the founders a relative clause lists worked together too)
    relative = list(clauses.object_relatives(lexicon, mentions, text))
    extra = [*partners.co_actors(lexicon, read, mentions, text), *partners.co_subjects(lexicon, [*read, *relative], mentions, text),
             *clauses.passive_co_actors(lexicon, mentions, text),
             *owned_sites.owned_sites(lexicon, read, mentions, text), *clauses.own_documents(lexicon, mentions, text),
             *clauses.unit_leaders(lexicon, mentions, text), *clauses.possessed_sites(lexicon, mentions, text),
             *relative, *clauses.split_verbs(lexicon, mentions, text),
             *relatives.member_lists(lexicon, mentions, text, earlier_alliance), *clauses.equipped_sites(lexicon, mentions, text),
             *clauses.phrasal_members(lexicon, mentions, text, earlier_alliance),
             *clauses.role_affiliations(lexicon, mentions, text), *sites.located_there(lexicon, mentions, text, earlier_site),
             *sites.counted_own_sites(lexicon, mentions, text), *sites.sites_near_places(lexicon, mentions, text),
             *sites.parts_of_places(mentions, text), *sites.things_in_parts_of_places(lexicon, mentions, text),
             *relatives.where_located(lexicon, mentions, text), *relatives.bare_membership(lexicon, mentions, text, earlier_alliance),
             *slots.threat_agents(lexicon, mentions, text), *relatives.supplied_from(lexicon, read, mentions, text),
             *clauses.reciprocal_partners(lexicon, mentions, text),
             *relatives.members_including(lexicon, mentions, text, earlier_alliance),
             *relatives.counted_members(lexicon, mentions, text), *member_groups.counted_memberships(lexicon, mentions, text),
             *member_groups.owned_member_lists(lexicon, mentions, text),
             *relatives.joined_it(lexicon, mentions, text, earlier_alliance),
             *relatives.owners_under(lexicon, mentions, text), *attachment.listed_at_site(lexicon, mentions, text),
             *attachment.things_at_sites(lexicon, mentions, text),
             *attachment.contact_relatives(lexicon, mentions, text), *attachment.trial_partners(lexicon, mentions, text),
             *attachment.site_at_place(lexicon, mentions, text), *attachment.relative_where(lexicon, mentions, text),
             *attachment.counted_among(lexicon, mentions, text), *attachment.place_apposition(lexicon, mentions, text),
             *attachment.passive_agent_partners(lexicon, read, mentions, text), *carriers.over_networks(lexicon, mentions, text),
             *carriers.put_on_networks(lexicon, mentions, text), *carriers.joined_to_networks(lexicon, mentions, text),
             *carriers.described_on_networks(lexicon, mentions, text),
             *things.in_their_sites(mentions, text, sites.site_heads(lexicon))]
    extra += scenes.opening_place(lexicon, read + extra, mentions, text)
    extra += sites.introduced_seat(lexicon, read + extra, mentions, text)
    return extra


def superseded(extra: list[Fact]) -> Callable[[Mention, str, Mention], bool]:
    """A test of a trigger's fact (subject, property, object) that a reader's fuller reading replaces: "300 members,
    including A and B", "whose members include A" — a member listed is no example of the organization, and no member of
    another organization the words "members include" found beside them; "… and A have since joined it" — a pronoun read
    as another organization than the one joined."""
    listed = {(f[0].key, f[2].key) for f in extra if f[1] == relatives.MEMBER_OF and "member" in f[3].lower()}
    members = {m for m, _g in listed}
    joined = {(f[0].key, f[2].key) for f in extra if f[3] == "joined it"}
    # "X, a body the bureau set up in 2019 that counts 90 members": X is what was set up, so it set up nothing there
    made = {(f[2].key, f[1]) for f in extra if f[3].endswith(attachment.CONTACT_CLAUSE)}
    # "a group that counts A and B among them": A is a member, no group of members
    among = {f[0].key for f in extra if f[3] == attachment.COUNTED_AMONG}
    # "a network that A first rolled out at the Y terminal": what the relative clause's verb made is the thing before "that"
    relative_objects = {(f[0].key, f[1]): f[2].key for f in extra if f[3].startswith("that … ")}
    # "in Doumen, a district of Zhuhai": Doumen lies in Zhuhai, the word "district" stands for no place there
    wholes = {f[2].key for f in extra if attachment.part_of_place(f[3])}

    def replaced(subject: Mention, predicate: str, obj: Mention) -> bool:
        return (predicate == EXAMPLE_OF and subject.key in members) \
            or (predicate == HAS_MEMBER and obj.key in members and (obj.key, subject.key) not in listed) \
            or (predicate in MEMBERSHIP and obj.via == "pronoun" and bool(joined) and (subject.key, obj.key) not in joined) \
            or (subject.key, predicate) in made or (predicate == HAS_MEMBER_GROUP and obj.key in among) \
            or relative_objects.get((subject.key, predicate), obj.key) != obj.key \
            or (obj.key in wholes and attachment.place_word(subject))
    return replaced
