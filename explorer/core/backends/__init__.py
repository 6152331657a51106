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

import importlib
from typing import TYPE_CHECKING, Any

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
from explorer.core.backends.oxigraph import OxigraphBackend

if TYPE_CHECKING:
    from explorer.core.backends.endpoint import SparqlEndpointBackend
    from explorer.core.backends.endpoint_config import (
        AUTH_KINDS,
        EndpointAuth,
        EndpointConfig,
        EndpointError,
        with_secret,
    )
    from explorer.core.backends.workspace import WorkspaceBackend

#: Imported when first asked for: the endpoint's HTTP client (httpx) and the workspace's saved
#: label index cost a tenth of a second at start-up that a command on a local file never uses.
_LATER = {
    "SparqlEndpointBackend": "endpoint",
    "AUTH_KINDS": "endpoint_config",
    "EndpointAuth": "endpoint_config",
    "EndpointConfig": "endpoint_config",
    "EndpointError": "endpoint_config",
    "with_secret": "endpoint_config",
    "WorkspaceBackend": "workspace",
}


def __getattr__(name: str) -> Any:
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


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
