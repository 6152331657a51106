"""``--endpoint URL`` and how to reach it: the options every command takes, and the connection."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from explorer.cli.arguments import seconds
from explorer.cli.errors import UsageError

if TYPE_CHECKING:
    from explorer.core.backends import EndpointConfig
    from explorer.core.graph import KnowledgeGraph


def endpoint_arguments(parser: argparse.ArgumentParser) -> None:
    """``--endpoint URL`` and how to reach it, on every command."""
    group = parser.add_argument_group("remote SPARQL endpoint (instead of the bundled graph or --data)")
    group.add_argument("--endpoint", metavar="URL", help="explore the graph of this SPARQL endpoint, e.g. http://host:8890/sparql")
    group.add_argument("--default-graph", metavar="IRI", help="the endpoint's graph to explore (default-graph-uri)")
    group.add_argument("--endpoint-timeout", type=seconds, default=30.0, metavar="S",
                       help="seconds to wait for each answer of the endpoint (default 30)")
    group.add_argument("--auth", choices=("basic", "digest", "bearer"), default=None,
                       help="authentication (default: basic with --user, bearer with --token-env)")
    group.add_argument("--user", metavar="NAME", help="user name for basic or digest authentication")
    group.add_argument("--password-env", metavar="VAR",
                       help="environment variable holding the password (default: the system keyring)")
    group.add_argument("--token-env", metavar="VAR", help="environment variable holding a bearer token")
    group.add_argument("--update-endpoint", metavar="URL",
                       help="where SPARQL Update goes (e.g. Virtuoso's /sparql-auth); needs query --allow-update")


def _check_url(option: str, url: str) -> None:
    """An http(s) URL with a host and a port that is a number: anything else is one clear line."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - parsing the port is the check
    except ValueError as error:
        raise UsageError(f"{option}: {url!r} is not a valid URL: {error}") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{option}: {url!r} is not an http(s) URL with a host, e.g. http://localhost:8890/sparql")


def connect_endpoint(args: argparse.Namespace) -> KnowledgeGraph:
    """Connect to ``--endpoint``; the secret comes from an environment variable or the keyring."""
    from explorer.core.graph import KnowledgeGraph

    config = endpoint_config(args)
    return KnowledgeGraph.connect(config.url, default_graph=config.default_graph, timeout=config.timeout,
                                  auth=(config.auth.kind, config.auth.user, config.auth.secret),
                                  allow_update=config.allow_update, update_url=config.update_url)


def endpoint_config(args: argparse.Namespace) -> EndpointConfig:
    """The endpoint options, checked, with the secret from the environment or the keyring."""
    from explorer.services.endpoints import EndpointProfile, load_secret

    for option, url in (("--endpoint", args.endpoint), ("--update-endpoint", args.update_endpoint)):
        if url is not None:
            _check_url(option, url)
    kind = args.auth or ("bearer" if args.token_env else "basic" if args.user else "none")
    secret = ""
    for option, variable in (("--password-env", args.password_env), ("--token-env", args.token_env)):
        if variable:
            if variable not in os.environ:
                raise UsageError(f"{option}: the environment variable {variable} is not set")
            secret = os.environ[variable]
    if kind in ("basic", "digest") and not args.user:
        raise UsageError(f"--auth {kind} needs --user")
    profile = EndpointProfile(args.endpoint, args.default_graph or "", args.endpoint_timeout, kind, args.user or "",
                              bool(getattr(args, "allow_update", False)), args.update_endpoint or "")
    if kind != "none" and not secret:
        secret = load_secret(profile) or ""
        if not secret:
            raise UsageError(f"no password or token for {profile.secret_key}: pass --password-env/--token-env, "
                             "or save it once from the desktop app's Connect dialog (system keyring)")
    return profile.config(secret)
