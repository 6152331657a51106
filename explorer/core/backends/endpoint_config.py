"""How to reach a SPARQL endpoint, and how terms are written into the queries sent to it.

Everything here but the secret is safe to save in the settings.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, replace
from typing import Any, Literal

import pyoxigraph as ox

from explorer.core.backends.terms import iri_or_bnode
from explorer.core.errors import ExplorerError
from explorer.core.http_client import DEFAULT_MAX_RESPONSE_BYTES
from explorer.core.http_client import EndpointError as EndpointError  # raised by the transport; named here for callers

Term = Any  # a pyoxigraph term, as parsed from the endpoint's answers

AuthKind = Literal["none", "basic", "digest", "bearer"]
AUTH_KINDS: tuple[AuthKind, ...] = ("none", "basic", "digest", "bearer")

# Virtuoso names its blank nodes "nodeID://b123", which is no valid blank node identifier;
# they come back as "vnode_b123" and are written back as <nodeID://b123> in queries.
VIRTUOSO_BNODE = "nodeID://"
BNODE_PREFIX = "vnode_"


@dataclass(frozen=True)
class EndpointAuth:
    """How to authenticate: ``basic`` or ``digest`` with a user and password, ``bearer`` with a token."""

    kind: AuthKind = "none"
    user: str = ""
    secret: str = ""

    def __post_init__(self) -> None:
        if self.kind not in AUTH_KINDS:
            raise ExplorerError(f"unknown authentication kind {self.kind!r}: use one of {', '.join(AUTH_KINDS)}")

    def __repr__(self) -> str:  # never show the secret in logs or tracebacks
        return f"EndpointAuth(kind={self.kind!r}, user={self.user!r}, secret={'***' if self.secret else ''!r})"


@dataclass(frozen=True)
class EndpointConfig:
    """Where the endpoint is and how to talk to it (everything but the secret is safe to save)."""

    url: str
    default_graph: str | None = None
    timeout: float = 30.0
    auth: EndpointAuth = EndpointAuth()
    allow_update: bool = False
    update_url: str | None = None
    page_size: int = 10000
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES  # one answer's body; more is refused with an error

    def __post_init__(self) -> None:
        for name in ("url", "update_url"):
            value = getattr(self, name)
            if value is None:
                continue
            parts = urllib.parse.urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ExplorerError(f"endpoint {name.replace('_', ' ')}: {value!r} is not an http(s) URL")
        if self.default_graph is not None and not _valid_iri(self.default_graph):
            raise ExplorerError(f"default graph: {self.default_graph!r} is not an IRI")
        if not self.timeout or self.timeout <= 0:
            raise ExplorerError(f"endpoint timeout must be a positive number of seconds, not {self.timeout!r}")
        if self.max_response_bytes <= 0:
            raise ExplorerError(f"endpoint answer limit must be a positive number of bytes, not {self.max_response_bytes!r}")


def _valid_iri(value: str) -> bool:
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return ":" in value


def sparql_string(text: str) -> str:
    """``text`` as a SPARQL string literal: user text never changes the query's structure.

    >>> sparql_string('say "hi" \\\\ }')
    '"say \\\\"hi\\\\" \\\\\\\\ }"'
    """
    return str(ox.Literal(text))


def sparql_term(term: Term) -> str:
    """A store term written into a query; blank nodes only where the server can name them."""
    if isinstance(term, ox.BlankNode):
        if term.value.startswith(BNODE_PREFIX):
            return f"<{VIRTUOSO_BNODE}{term.value[len(BNODE_PREFIX):]}>"
        raise UnreachableBlankNode(term.value)
    return str(term)


def sparql_iri(value: str) -> str:
    """An entity identifier (IRI or ``_:id``) written into a query, validated."""
    try:
        return sparql_term(iri_or_bnode(value))
    except ValueError:
        raise ExplorerError(f"not a valid IRI: {value!r}") from None


class UnreachableBlankNode(Exception):
    """A blank node the server gave us that no later query can refer to."""




def with_secret(config: EndpointConfig, secret: str) -> EndpointConfig:
    """The same configuration with a password or token filled in."""
    return replace(config, auth=replace(config.auth, secret=secret))
