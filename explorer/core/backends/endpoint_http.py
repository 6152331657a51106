"""Sending SPARQL Protocol requests: the one module that talks HTTP.

:class:`HttpTransport` sends a query or an update (GET for short queries, form POST for
long ones and updates), authenticates (basic, digest, bearer) and turns every failure into
a one-line error. The query strategies in :mod:`explorer.core.backends.endpoint` only see
``send(...) -> (body, media type)``, so the transport can be replaced without touching them.
"""

from __future__ import annotations

import base64
import ipaddress
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from explorer.core.backends.endpoint_config import EndpointConfig, EndpointError
from explorer.core.errors import QueryError, QueryTimeout

# Longer queries go by POST: proxies and servers cut URLs at a few kilobytes.
_MAX_GET_LENGTH = 2000


def first_line(text: str) -> str:
    for line in text.splitlines():
        line = re.sub(r"<[^>]+>", " ", line).strip()
        if line:
            return line[:300]
    return ""


def _is_loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class HttpTransport:
    """Requests to one endpoint with its authentication; counts what it sends."""

    def __init__(self, config: EndpointConfig) -> None:
        self.config = config
        self.requests = 0  # requests sent, for tests and the status bar
        handlers: list[Any] = []
        if _is_loopback(config.url) and (config.update_url is None or _is_loopback(config.update_url)):
            # A proxy from the environment must never see loopback traffic.
            handlers.append(urllib.request.ProxyHandler({}))
        auth = config.auth
        if auth.kind in ("basic", "digest") and auth.user:
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in {config.url, config.update_url or config.url}:
                manager.add_password(None, url, auth.user, auth.secret)
            handlers.append(urllib.request.HTTPDigestAuthHandler(manager) if auth.kind == "digest"
                            else urllib.request.HTTPBasicAuthHandler(manager))
        self._opener = urllib.request.build_opener(*handlers)
        self._headers: dict[str, str] = {"User-Agent": "kg-explorer"}
        if auth.kind == "basic" and auth.user:
            # Sent up front: many servers answer 403, not a 401 challenge, without it.
            token = base64.b64encode(f"{auth.user}:{auth.secret}".encode()).decode("ascii")
            self._headers["Authorization"] = f"Basic {token}"
        elif auth.kind == "bearer" and auth.secret:
            self._headers["Authorization"] = f"Bearer {auth.secret}"

    def send(self, field_name: str, text: str, accept: str, *, url: str | None = None,
             timeout: float | None = None) -> tuple[bytes, str]:
        """One request; returns the body and its media type, or raises a one-line error."""
        target = url or self.config.url
        params: list[tuple[str, str]] = [(field_name, text)]
        if self.config.default_graph and field_name == "query":
            params.append(("default-graph-uri", self.config.default_graph))
        encoded = urllib.parse.urlencode(params)
        headers = dict(self._headers, Accept=accept)
        if field_name == "query" and len(target) + len(encoded) < _MAX_GET_LENGTH:
            joiner = "&" if urllib.parse.urlsplit(target).query else "?"
            request = urllib.request.Request(f"{target}{joiner}{encoded}", headers=headers, method="GET")
        else:
            headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
            request = urllib.request.Request(target, data=encoded.encode("utf-8"), headers=headers, method="POST")
        seconds = timeout if timeout is not None else self.config.timeout
        self.requests += 1
        try:
            with self._opener.open(request, timeout=seconds) as response:
                body = response.read()
                media = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
                return body, media
        except urllib.error.HTTPError as error:
            try:
                detail = first_line(error.read(4096).decode("utf-8", errors="replace"))
            except OSError:
                detail = ""
            detail = detail or error.reason or ""
            if error.code in (401, 403):
                raise EndpointError(f"{target} refused access (HTTP {error.code}): check the user name, "
                                    f"password or token{': ' + detail if detail else ''}") from None
            if error.code == 400:
                raise QueryError(f"the endpoint rejected the query (HTTP 400): {detail}") from None
            raise EndpointError(f"{target} answered HTTP {error.code}: {detail}") from None
        except TimeoutError:
            raise QueryTimeout(f"{target} did not answer within {seconds:g} s") from None
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, TimeoutError):
                raise QueryTimeout(f"{target} did not answer within {seconds:g} s") from None
            if isinstance(reason, ConnectionRefusedError):
                raise EndpointError(f"cannot reach {target}: connection refused (is the server running?)") from None
            if isinstance(reason, socket.gaierror):
                raise EndpointError(f"cannot reach {target}: unknown host") from None
            text = getattr(reason, "strerror", None) or str(reason)
            raise EndpointError(f"cannot reach {target}: {text}") from None
        except (ConnectionError, OSError) as error:
            text = getattr(error, "strerror", None) or str(error) or type(error).__name__
            raise EndpointError(f"connection to {target} failed: {text}") from None
