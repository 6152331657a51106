"""Where the triples live: the backend protocol and its three implementations.

- :mod:`~explorer.core.backends.base`: the :class:`Backend` protocol (primitives and bulk
  operations with defaults) and the capability protocols :class:`WritableBackend` and
  :class:`LocalBackend`.
- :mod:`~explorer.core.backends.oxigraph`: the embedded Oxigraph store in memory.
- :mod:`~explorer.core.backends.workspace`: the same store in a folder on disk.
- :mod:`~explorer.core.backends.endpoint`: a SPARQL endpoint (query strategies in
  ``endpoint_queries``, HTTP in ``endpoint_http``, settings in ``endpoint_config``).

pyoxigraph is imported in this package only (an import-linter contract says so).
"""

from __future__ import annotations

from explorer.core.backends.base import (
    Backend,
    EvidenceRow,
    LabelsByLanguage,
    Link,
    LinkPage,
    LoadedFile,
    LocalBackend,
    WritableBackend,
    checked_iri,
    entity_id,
    entity_node,
)
from explorer.core.backends.endpoint import SparqlEndpointBackend
from explorer.core.backends.endpoint_config import (
    AUTH_KINDS,
    EndpointAuth,
    EndpointConfig,
    EndpointError,
    with_secret,
)
from explorer.core.backends.oxigraph import OxigraphBackend
from explorer.core.backends.workspace import WorkspaceBackend

__all__ = [
    "AUTH_KINDS",
    "Backend",
    "EndpointAuth",
    "EndpointConfig",
    "EndpointError",
    "EvidenceRow",
    "LabelsByLanguage",
    "Link",
    "LinkPage",
    "LoadedFile",
    "LocalBackend",
    "OxigraphBackend",
    "SparqlEndpointBackend",
    "WorkspaceBackend",
    "WritableBackend",
    "checked_iri",
    "entity_id",
    "entity_node",
    "with_secret",
]
