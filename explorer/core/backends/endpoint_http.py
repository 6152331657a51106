"""Sending SPARQL Protocol requests: the one module of the endpoint backend that talks HTTP.

:class:`HttpTransport` hands a query or an update to the endpoint's
:class:`~explorer.core.http_client.EndpointHttpClient` (GET for short queries, form POST for
long ones and updates; connections kept open between questions; a deadline for the whole
answer and a cap on its size; credentials only for the endpoint's own origins) and counts what
it sends. The query strategies in :mod:`explorer.core.backends.endpoint` only see
``send(...) -> (body, media type)``.
"""

from __future__ import annotations

import threading

from explorer.core.backends.endpoint_config import EndpointConfig
from explorer.core.http_client import EndpointHttpClient, first_line

__all__ = ["HttpTransport", "first_line"]


class HttpTransport:
    """Requests to one endpoint with its authentication; counts what it sends."""

    def __init__(self, config: EndpointConfig) -> None:
        self.config = config
        self.requests = 0  # requests sent, for tests and the status bar
        self._counting = threading.Lock()  # requests may go out from two threads at once
        others = [config.update_url] if config.update_url else []
        credentials = config.auth if config.auth.kind != "none" else None
        self.client = EndpointHttpClient(config.url, other_urls=others, credentials=credentials,
                                         max_response_bytes=config.max_response_bytes)

    def send(self, field_name: str, text: str, accept: str, *, url: str | None = None,
             timeout: float | None = None) -> tuple[bytes, str]:
        """One request; returns the body and its media type, or raises a one-line error."""
        params: list[tuple[str, str]] = []
        if self.config.default_graph and field_name == "query":
            params.append(("default-graph-uri", self.config.default_graph))
        seconds = timeout if timeout is not None else self.config.timeout
        with self._counting:
            self.requests += 1
        answer = self.client.sparql(field_name, text, accept=accept, timeout=seconds, url=url or self.config.url,
                                    params=params)
        return answer.body, answer.media_type

    def close(self) -> None:
        """Let go of the open connections (the next request opens one again)."""
        self.client.close()
