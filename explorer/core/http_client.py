"""The HTTP transport of SPARQL endpoints: a server is never trusted.

One :class:`EndpointHttpClient` per endpoint keeps its connections open between questions
(an httpx keep-alive pool). Every exchange has:

- a deadline for the whole answer, not for each read: every socket operation waits at most
  what is left of it, so a server that sends a byte every few seconds fails on time;
- a cap on the body (counted after decompression), checked as the bytes arrive;
- credentials only for the origins the user gave: redirects are followed a few times, and
  an ``Authorization`` header never goes to another scheme, host or port;
- one-line errors naming the endpoint for refusals, error pages, wrong content types,
  unreachable hosts and TLS failures.

Redirects and the Digest challenge are handled here rather than inside httpx, so that every
byte read from the network goes through the same capped, deadline-bound reader.
"""

from __future__ import annotations

import html
import ipaddress
import re
import ssl
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Collection, Generator, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import httpcore
import httpx

from explorer.core.errors import QueryError, QueryTimeout

# Longer queries go by POST: proxies and servers cut URLs at a few kilobytes.
MAX_GET_LENGTH = 2000
DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024
DEFAULT_MAX_REDIRECTS = 5
# The body of a refusal or a challenge is only read for its first line.
_ERROR_BODY_BYTES = 64 * 1024
_FORM = "application/x-www-form-urlencoded; charset=utf-8"


class EndpointError(QueryError):
    """The endpoint could not be reached, refused the request, or answered nonsense."""


class Credentials(Protocol):
    """What the client needs of an endpoint's authentication (``EndpointAuth`` has it)."""

    @property
    def kind(self) -> str: ...
    @property
    def user(self) -> str: ...
    @property
    def secret(self) -> str: ...


@dataclass(frozen=True)
class Answer:
    """A successful answer: the body, its media type (lower case, no parameters), where it came from."""

    body: bytes
    media_type: str
    url: str


# ---------------------------------------------------------------------- the deadline
_current = threading.local()


def _remaining(timeout: float | None) -> float | None:
    """``timeout`` shortened to what is left of this thread's deadline (at least a tick)."""
    deadline = getattr(_current, "deadline", None)
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write waits at most what is left of the deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _remaining(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _remaining(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, _remaining(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._backend.connect_tcp(host, port, _remaining(timeout), local_address, socket_options))

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._backend.connect_unix_socket(path, _remaining(timeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def _deadline_transport(**options: Any) -> httpx.HTTPTransport:
    """httpx's own transport, with its connections opened through :class:`_DeadlineBackend`.

    httpx has no public hook for the network layer of its pool; the pool keeps it in
    ``_network_backend``. Should that change, the body reader's own deadline check still
    bounds the answer to the deadline plus one read timeout (tests/endpoint/test_http_client.py
    notices the difference).
    """
    transport = httpx.HTTPTransport(**options)
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if pool is not None and backend is not None:
        pool._network_backend = _DeadlineBackend(backend)
    return transport


# ---------------------------------------------------------------------- credentials
def origin(url: str | httpx.URL) -> tuple[str, str, int]:
    """Scheme, host and port (the default one filled in): where credentials may go."""
    parsed = httpx.URL(str(url))
    scheme = parsed.scheme.lower()
    port = parsed.port or (443 if scheme == "https" else 80)
    return scheme, (parsed.host or "").lower(), port


class _BearerAuth(httpx.Auth):
    def __init__(self, token: str) -> None:
        self._header = f"Bearer {token}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request


def _httpx_auth(credentials: Credentials | None) -> httpx.Auth | None:
    if credentials is None:
        return None
    if credentials.kind == "basic" and credentials.user:
        # Sent up front: many servers answer 403, not a 401 challenge, without it.
        return httpx.BasicAuth(credentials.user, credentials.secret)
    if credentials.kind == "digest" and credentials.user:
        return httpx.DigestAuth(credentials.user, credentials.secret)
    if credentials.kind == "bearer" and credentials.secret:
        return _BearerAuth(credentials.secret)
    return None


def is_loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _proxy_for(urls: Sequence[str]) -> str | None:
    """The environment's proxy for these URLs; loopback traffic never goes through one."""
    if all(is_loopback(url) for url in urls):
        return None
    proxies = urllib.request.getproxies()
    scheme = urllib.parse.urlsplit(urls[0]).scheme
    host = urllib.parse.urlsplit(urls[0]).hostname or ""
    if scheme not in proxies or urllib.request.proxy_bypass(host):
        return None
    return proxies[scheme]


# ---------------------------------------------------------------------- error text
_TAGS = re.compile(r"<[^>]+>")
_HTML_HEADING = re.compile(r"<(title|h1)[^>]*>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def first_line(text: str) -> str:
    """The first line with words in it, tags removed, at most 300 characters."""
    heading = _HTML_HEADING.search(text[:20000])
    if heading:
        words = " ".join(html.unescape(_TAGS.sub(" ", heading.group(2))).split())
        if words:
            return _CONTROL.sub("", words)[:300]
    for line in text.splitlines():
        line = " ".join(html.unescape(_TAGS.sub(" ", line)).split())
        if line:
            return _CONTROL.sub("", line)[:300]
    return ""


def _megabytes(count: int) -> str:
    return f"{count / (1024 * 1024):g} MB" if count >= 1024 * 1024 else f"{count:,} bytes"


def _tls_problem(error: BaseException) -> str | None:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            return f"TLS certificate not accepted ({current.verify_message or current.reason})"
        if isinstance(current, ssl.SSLError):
            return f"TLS handshake failed ({current.reason or current})"
        current = current.__cause__ or current.__context__
    text = str(error)
    if "SSL" in text or "CERTIFICATE" in text.upper():
        return f"TLS handshake failed ({first_line(text)})"
    return None


def _cause_text(error: BaseException) -> str:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ConnectionRefusedError):
            return "connection refused (is the server running?)"
        if isinstance(current, ConnectionResetError):
            return "the server closed the connection"
        current = current.__cause__ or current.__context__
    text = first_line(str(error))
    if "Name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
        return "unknown host"
    if "Connection refused" in text or "Errno 111" in text:
        return "connection refused (is the server running?)"
    return text or type(error).__name__


# ---------------------------------------------------------------------- the client
class EndpointHttpClient:
    """The connections to one endpoint (its query URL and, if any, its update URL).

    Thread-safe: the app asks from worker threads; each thread's exchange has its own deadline.
    """

    def __init__(
        self,
        url: str,
        *,
        other_urls: Sequence[str] = (),
        credentials: Credentials | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        max_redirects: int = DEFAULT_MAX_REDIRECTS,
        verify: ssl.SSLContext | bool | None = None,
        user_agent: str = "kg-explorer",
    ) -> None:
        """``verify``: how to check TLS certificates; by default against the system's trust store
        (as the standard library does, so a certificate authority added to the system is trusted)."""
        self.url = url
        urls = [url, *other_urls]
        self.max_response_bytes = max_response_bytes
        self.max_redirects = max_redirects
        self._auth = _httpx_auth(credentials)
        self._credential_origins = {origin(u) for u in urls}
        transport = _deadline_transport(
            verify=ssl.create_default_context() if verify is None else verify, proxy=_proxy_for(urls),
            limits=httpx.Limits(max_connections=8, max_keepalive_connections=4, keepalive_expiry=30.0),
        )
        self._client = httpx.Client(transport=transport, headers={"User-Agent": user_agent}, trust_env=False,
                                    follow_redirects=False)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> EndpointHttpClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ------------------------------------------------------------------ SPARQL protocol
    def sparql(
        self,
        field_name: str,
        text: str,
        *,
        accept: str,
        timeout: float,
        url: str | None = None,
        params: Sequence[tuple[str, str]] = (),
        expect: Collection[str] | None = None,
        expected_what: str = "SPARQL results",
    ) -> Answer:
        """A query (GET when short, else form POST) or an update (always POST).

        ``expect``: the media types that may come back (``""`` for none given); anything
        else is an error naming the content type and the first line of what came.
        """
        target = url or self.url
        encoded = urllib.parse.urlencode([(field_name, text), *params])
        headers = {"Accept": accept}
        if field_name == "query" and len(target) + len(encoded) < MAX_GET_LENGTH:
            joiner = "&" if urllib.parse.urlsplit(target).query else "?"
            return self.exchange("GET", f"{target}{joiner}{encoded}", headers=headers, timeout=timeout,
                                 expect=expect, expected_what=expected_what, name=target)
        headers["Content-Type"] = _FORM
        return self.exchange("POST", target, headers=headers, content=encoded.encode("utf-8"), timeout=timeout,
                             expect=expect, expected_what=expected_what, name=target)

    def exchange(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str],
        timeout: float,
        content: bytes | None = None,
        expect: Collection[str] | None = None,
        expected_what: str = "SPARQL results",
        name: str | None = None,
    ) -> Answer:
        """One request and its whole answer within ``timeout`` seconds, or a one-line error."""
        name = name or url
        previous = getattr(_current, "deadline", None)
        _current.deadline = time.monotonic() + timeout
        try:
            try:
                request = self._client.build_request(method, url, headers=headers, content=content,
                                                     timeout=httpx.Timeout(timeout))
                response = self._follow(request, name)
                try:
                    media = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
                    if response.status_code >= 300:
                        detail = first_line(self._read(response, name, _ERROR_BODY_BYTES, quiet=True)
                                            .decode("utf-8", errors="replace"))
                        raise _status_error(name, response, detail)
                    if expect is not None and media not in expect:
                        preview = first_line(self._read(response, name, _ERROR_BODY_BYTES, quiet=True)
                                             .decode("utf-8", errors="replace"))
                        raise EndpointError(f"{name} answered with {media or 'no content type'}, not {expected_what}"
                                            f"{': ' + preview if preview else ''}")
                    body = self._read(response, name, self.max_response_bytes)
                    return Answer(body, media, str(response.url))
                finally:
                    response.close()
            except (httpx.TimeoutException, httpcore.TimeoutException):
                raise QueryTimeout(f"{name} did not answer within {timeout:g} s") from None
            except httpx.UnsupportedProtocol as error:
                raise EndpointError(f"{name}: {first_line(str(error))}") from None
            except (httpx.TransportError, OSError) as error:
                tls = _tls_problem(error)
                if tls:
                    raise EndpointError(f"cannot reach {name}: {tls}") from None
                if isinstance(error, httpx.ConnectError):
                    raise EndpointError(f"cannot reach {name}: {_cause_text(error)}") from None
                raise EndpointError(f"connection to {name} failed: {_cause_text(error)}") from None
        finally:
            _current.deadline = previous

    def _follow(self, request: httpx.Request, name: str) -> httpx.Response:
        """Send, answering an authentication challenge and following a few redirects.

        Credentials go only to the origins the user gave: a hop elsewhere goes without them.
        """
        for _hop in range(self.max_redirects + 1):
            response = self._authenticated(request, name)
            if not response.has_redirect_location:
                return response
            following = response.next_request
            location = response.headers.get("Location", "")
            response.close()
            if following is None or following.url.scheme not in ("http", "https"):
                raise EndpointError(f"{name} redirected to {location!r}, which is not an http(s) address")
            if origin(following.url) not in self._credential_origins:
                following.headers.pop("Authorization", None)
            request = following
        raise EndpointError(f"{name} redirected more than {self.max_redirects} times: stopped at {request.url}")

    def _authenticated(self, request: httpx.Request, name: str) -> httpx.Response:
        if self._auth is None or origin(request.url) not in self._credential_origins:
            return self._client.send(request, stream=True, follow_redirects=False)
        flow = self._auth.sync_auth_flow(request)
        try:
            request = next(flow)
            while True:
                response = self._client.send(request, stream=True, follow_redirects=False)
                try:
                    request = flow.send(response)
                except StopIteration:
                    return response
                # A challenge (401): its body is read, boundedly, and the request sent again.
                self._read(response, name, _ERROR_BODY_BYTES, quiet=True)
                response.close()
        finally:
            flow.close()

    def _read(self, response: httpx.Response, name: str, cap: int, *, quiet: bool = False) -> bytes:
        """The body, up to ``cap`` bytes: past it, an error (or, ``quiet``, the start only)."""
        declared = response.headers.get("Content-Length", "")
        if not quiet and declared.isdigit() and int(declared) > cap:
            raise EndpointError(f"{name} announced an answer of {_megabytes(int(declared))}, "
                                f"over the {_megabytes(cap)} limit for one answer: ask for less (LIMIT)")
        parts: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            _remaining(None)  # a server that keeps sending fails at the deadline too
            parts.append(chunk)
            size += len(chunk)
            if size > cap:
                if quiet:
                    break
                raise EndpointError(f"{name} sent more than {_megabytes(cap)}: stopped reading "
                                    "(the limit for one answer): ask for less (LIMIT)")
        return b"".join(parts)[:cap] if quiet else b"".join(parts)


def _status_error(name: str, response: httpx.Response, detail: str) -> QueryError:
    code = response.status_code
    detail = detail or response.reason_phrase or ""
    suffix = f": {detail}" if detail else ""
    if code in (401, 403):
        return EndpointError(f"{name} refused access (HTTP {code}): check the user name, password or token{suffix}")
    if code == 400:
        return QueryError(f"the endpoint rejected the query (HTTP 400){suffix}")
    if 300 <= code < 400:
        return EndpointError(f"{name} answered HTTP {code} without a usable Location{suffix}")
    return EndpointError(f"{name} answered HTTP {code}{suffix}")
