"""The endpoint transport against servers that misbehave: it never trusts them.

Every server here is a raw-socket loopback server started by the test (tests/endpoint/misbehaving.py).
"""

from __future__ import annotations

import socket
import time

import pytest
from misbehaving import ASK_TRUE, Exchange, RawHttpServer, answer_true, response
from server_process import free_port  # tests/endpoint is on sys.path (conftest)

from explorer.core.errors import QueryError, QueryTimeout
from explorer.core.http_client import MAX_GET_LENGTH, EndpointError, EndpointHttpClient, first_line, origin

JSON = {"application/sparql-results+json", "application/json", ""}


class Auth:
    def __init__(self, kind: str, user: str = "", secret: str = "") -> None:
        self.kind, self.user, self.secret = kind, user, secret


@pytest.fixture
def serve():
    started: list[RawHttpServer] = []

    def start(handler, **options) -> RawHttpServer:
        server = RawHttpServer(handler, **options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.close()


def ask(client: EndpointHttpClient, timeout: float = 5.0, **options) -> bytes:
    return client.sparql("query", "ASK { }", accept="application/sparql-results+json", timeout=timeout,
                         expect=JSON, **options).body


def one_line(error: BaseException) -> str:
    text = str(error)
    assert "\n" not in text and "Traceback" not in text
    return text


# ------------------------------------------------------------------ time: the whole answer has one deadline
@pytest.mark.parametrize("where", ["headers", "body"])
def test_a_dripping_server_fails_at_the_deadline(serve, where):
    """A byte every two seconds never resets the clock: the answer must be complete within the deadline."""

    def drip(exchange: Exchange) -> bool:
        whole = response("200 OK", b" " * 200 + ASK_TRUE)
        if where == "body":
            head, _, rest = whole.partition(b"\r\n\r\n")
            if not exchange.send(head + b"\r\n\r\n"):
                return False
            whole = rest
        for byte in whole[:30]:  # at most a minute of dripping, and it stops with the server
            if not exchange.send(bytes([byte])) or exchange.stop.wait(2.0):
                return False
        return False

    server = serve(drip)
    client = EndpointHttpClient(server.url())
    started = time.monotonic()
    with pytest.raises(QueryTimeout) as caught:
        ask(client, timeout=3.0)
    elapsed = time.monotonic() - started
    # Per-read timeouts would wait as long as the server keeps dripping; a check between
    # reads only would stop at the first byte after the deadline (4 s).
    assert 2.9 <= elapsed < 3.8, elapsed
    assert server.url() in one_line(caught.value)
    assert "within 3 s" in str(caught.value)


def test_a_server_that_never_answers_times_out(serve):
    server = serve(lambda exchange: exchange.stop.wait(30) and False)
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"did not answer within 0\.5 s"):
        ask(EndpointHttpClient(server.url()), timeout=0.5)
    assert time.monotonic() - started < 1.5


# ------------------------------------------------------------------ size: a byte cap on the body
def test_an_endless_body_stops_at_the_cap(serve):
    def endless(exchange: Exchange) -> bool:
        exchange.send(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nConnection: close\r\n\r\n")
        chunk = b'{"head":' + b" " * 65528
        for _ in range(4096):  # 256 MB at most, long after the client must have stopped
            if not exchange.send(chunk):
                break
        return False

    server = serve(endless)
    client = EndpointHttpClient(server.url(), max_response_bytes=1024 * 1024)
    with pytest.raises(EndpointError) as caught:
        ask(client, timeout=30)
    message = one_line(caught.value)
    assert server.url() in message and "more than 1 MB" in message
    client.close()
    server.close()
    assert server.bytes_sent[0] < 32 * 1024 * 1024  # the client hung up instead of reading on


@pytest.mark.parametrize("chunked", [False, True])
def test_an_endless_chunked_or_announced_body_stops_at_the_cap(serve, chunked):
    cap = 100_000

    def big(exchange: Exchange) -> bool:
        if chunked:
            exchange.send(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
            for _ in range(1000):
                if not exchange.send(b"4000\r\n" + b"x" * 0x4000 + b"\r\n"):
                    break
        else:
            exchange.send(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 900000000\r\n\r\n")
        return False

    server = serve(big)
    with pytest.raises(EndpointError) as caught:
        ask(EndpointHttpClient(server.url(), max_response_bytes=cap), timeout=30)
    assert "limit for one answer" in one_line(caught.value)
    assert ("announced an answer of 858.307 MB" in str(caught.value)) != chunked


# ------------------------------------------------------------------ credentials stay with their origin
@pytest.mark.parametrize("auth, header", [
    (Auth("basic", "ann", "pw"), "Basic YW5uOnB3"),
    (Auth("bearer", secret="t0ken"), "Bearer t0ken"),
])
@pytest.mark.parametrize("elsewhere", ["another port", "another host name"])
def test_credentials_never_follow_a_redirect_to_another_origin(serve, auth, header, elsewhere):
    second = serve(answer_true)
    # 127.0.0.1 and localhost are the same machine but not the same origin.
    target = second.url("/other") if elsewhere == "another port" else None

    def redirect(exchange: Exchange) -> bool:
        if exchange.request.target.startswith("/moved"):
            return answer_true(exchange)
        location = target or first.url("/moved", host="localhost")
        exchange.send(response("307 Temporary Redirect", b"", "text/plain", {"Location": location}))
        return True

    first = serve(redirect)
    client = EndpointHttpClient(first.url(), credentials=auth)
    assert ask(client) == ASK_TRUE
    assert first.received[0].headers["authorization"] == header
    followed = second.received if target else first.received[1:]
    assert [r.target.split("?")[0] for r in followed] == (["/other"] if target else ["/moved"])
    assert "authorization" not in followed[0].headers


def test_credentials_follow_a_redirect_within_their_origin(serve):
    def redirect(exchange: Exchange) -> bool:
        if exchange.request.target.startswith("/sparql/"):
            return answer_true(exchange)
        exchange.send(response("301 Moved Permanently", b"", "text/plain", {"Location": "/sparql/"}))
        return True

    server = serve(redirect)
    client = EndpointHttpClient(server.url(), credentials=Auth("basic", "ann", "pw"))
    assert ask(client) == ASK_TRUE
    assert [r.headers.get("authorization") for r in server.received] == ["Basic YW5uOnB3"] * 2


def test_redirects_are_bounded(serve):
    def loop(exchange: Exchange) -> bool:
        exchange.send(response("302 Found", b"", "text/plain", {"Location": "/again"}))
        return True

    server = serve(loop)
    with pytest.raises(EndpointError, match="redirected more than 5 times"):
        ask(EndpointHttpClient(server.url()))
    assert len(server.received) == 6


def test_a_redirect_to_another_scheme_is_refused(serve):
    server = serve(lambda e: e.send(response("302 Found", b"", "text/plain", {"Location": "file:///etc/passwd"})))
    with pytest.raises(EndpointError, match="not an http"):
        ask(EndpointHttpClient(server.url()))


def test_origins_tell_scheme_host_and_port_apart():
    assert origin("http://h/sparql") == origin("http://H:80/other")
    assert origin("http://h/sparql") != origin("https://h/sparql")
    assert origin("https://h/sparql") == origin("https://h:443/")
    assert origin("http://h:8890/") != origin("http://h:8891/")
    assert origin("http://127.0.0.1/") != origin("http://localhost/")


# ------------------------------------------------------------------ refusals and nonsense, in one line
def test_a_server_error_gives_its_first_line(serve):
    text = b"Virtuoso 42000 Error SR184: out of memory\n\nSPARQL query:\nSELECT ..."
    server = serve(lambda e: e.send(response("500 Internal Server Error", text, "text/plain")))
    with pytest.raises(EndpointError) as caught:
        ask(EndpointHttpClient(server.url()))
    assert one_line(caught.value) == f"{server.url()} answered HTTP 500: Virtuoso 42000 Error SR184: out of memory"


@pytest.mark.parametrize("status", ["502 Bad Gateway", "200 OK"])
def test_an_html_error_page_is_one_line_without_markup(serve, status):
    page = (b"<!DOCTYPE html>\n<html>\n<head>\n<title>502 Bad Gateway &amp; co</title>\n<style>body{}</style>\n"
            b"</head><body><h1>Bad Gateway</h1>" + b"<p>filler</p>\n" * 5000 + b"</body></html>")
    server = serve(lambda e: e.send(response(status, page, "text/html; charset=utf-8")))
    with pytest.raises(EndpointError) as caught:
        ask(EndpointHttpClient(server.url()))
    message = one_line(caught.value)
    assert "502 Bad Gateway & co" in message and "<" not in message
    assert len(message) < 400
    if status.startswith("200"):
        assert "answered with text/html, not SPARQL results" in message


def test_a_wrong_content_type_is_named(serve):
    server = serve(lambda e: e.send(response("200 OK", b"<http://a> <http://b> <http://c> .\n", "application/n-triples")))
    with pytest.raises(EndpointError) as caught:
        ask(EndpointHttpClient(server.url()))
    assert f"{server.url()} answered with application/n-triples, not SPARQL results" in one_line(caught.value)


@pytest.mark.parametrize("status, kind, words", [
    ("401 Unauthorized", EndpointError, "refused access (HTTP 401): check the user name"),
    ("403 Forbidden", EndpointError, "refused access (HTTP 403)"),
    ("400 Bad Request", QueryError, "the endpoint rejected the query (HTTP 400): bad query"),
])
def test_refusals_are_one_line(serve, status, kind, words):
    server = serve(lambda e: e.send(response(status, b"bad query\nline two", "text/plain")))
    with pytest.raises(kind) as caught:
        ask(EndpointHttpClient(server.url()))
    assert words in one_line(caught.value)


def test_a_refused_connection_is_one_line():
    url = f"http://127.0.0.1:{free_port()}/sparql"
    with pytest.raises(EndpointError) as caught:
        ask(EndpointHttpClient(url))
    assert one_line(caught.value) == f"cannot reach {url}: connection refused (is the server running?)"


def test_a_tls_failure_is_one_line(serve):
    # A plain-HTTP server where the client expects TLS: the handshake fails at once.
    server = serve(lambda e: e.send(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n") and False, speak_first=True)
    url = f"https://127.0.0.1:{server.port}/sparql"
    with pytest.raises(EndpointError) as caught:
        ask(EndpointHttpClient(url), timeout=5)
    message = one_line(caught.value)
    assert message.startswith(f"cannot reach {url}: TLS handshake failed"), message


def test_certificates_are_checked_against_the_trust_store(serve, tmp_path):
    """A self-signed certificate is refused in one line; trusted, the same server answers."""
    import shutil
    import ssl
    import subprocess

    if shutil.which("openssl") is None:
        pytest.fail("openssl is needed to make the test certificate (Debian package openssl)")
    key, certificate = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(certificate), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True, timeout=60)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)
    server = serve(answer_true, tls=context)
    url = f"https://127.0.0.1:{server.port}/sparql"
    with pytest.raises(EndpointError) as caught:
        ask(EndpointHttpClient(url))
    assert one_line(caught.value).startswith(f"cannot reach {url}: TLS certificate not accepted")
    trusted = ssl.create_default_context(cafile=str(certificate))
    assert ask(EndpointHttpClient(url, verify=trusted)) == ASK_TRUE


def test_a_server_that_hangs_up_is_one_line(serve):
    server = serve(lambda e: False)
    with pytest.raises(EndpointError) as caught:
        ask(EndpointHttpClient(server.url()))
    assert server.url() in one_line(caught.value)


# ------------------------------------------------------------------ connections are reused
def test_one_connection_serves_many_requests(serve):
    server = serve(answer_true)
    client = EndpointHttpClient(server.url())
    for _ in range(25):
        assert ask(client) == ASK_TRUE
    long_query = "ASK { " + " ".join(f"<http://e/{i}> ?p ?o ." for i in range(200)) + " }"
    for _ in range(5):
        client.sparql("query", long_query, accept="application/sparql-results+json", timeout=5, expect=JSON)
    assert len(server.received) == 30
    assert server.accepted == 1
    assert [r.method for r in server.received[-5:]] == ["POST"] * 5
    assert server.received[0].method == "GET"


def test_after_a_broken_answer_the_next_request_gets_a_fresh_connection(serve):
    calls = []

    def first_broken(exchange: Exchange) -> bool:
        calls.append(1)
        if len(calls) == 1:
            exchange.send(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
            return False
        return answer_true(exchange)

    server = serve(first_broken)
    client = EndpointHttpClient(server.url())
    with pytest.raises(EndpointError):
        ask(client)
    assert ask(client) == ASK_TRUE
    assert server.accepted == 2


def test_get_and_post_and_extra_parameters(serve):
    server = serve(answer_true)
    client = EndpointHttpClient(server.url())
    ask(client, params=[("default-graph-uri", "urn:g")])
    client.sparql("update", "INSERT DATA { <http://a> <http://b> <http://c> }", accept="*/*", timeout=5)
    get, post = server.received
    assert get.method == "GET" and "default-graph-uri=urn%3Ag" in get.target
    assert get.headers["accept"] == "application/sparql-results+json"
    assert post.method == "POST" and post.body.startswith(b"update=INSERT")
    assert post.headers["content-type"].startswith("application/x-www-form-urlencoded")
    assert len(server.url()) + 40 < MAX_GET_LENGTH


def test_first_line_reads_text_and_html():
    assert first_line("\n\n  Error 42: oops \nmore") == "Error 42: oops"
    assert first_line("<html><head><title>Not &lt;Found&gt;</title></head></html>") == "Not <Found>"
    assert first_line("a\x1b[2Jb") == "a[2Jb"
    assert len(first_line("x" * 1000)) == 300


def test_nothing_is_sent_before_asked(monkeypatch):
    attempts = []
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: attempts.append(a))
    EndpointHttpClient("http://127.0.0.1:9/sparql").close()
    assert attempts == []
