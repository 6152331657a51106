"""Saved SPARQL endpoints, with their passwords and tokens in the system keyring.

A :class:`EndpointProfile` holds everything needed to reconnect except the secret; it is
saved (atomically) in ``endpoints.json`` next to the settings. The password or token is
kept by :mod:`keyring` (Secret Service, macOS Keychain, Windows Credential Locker) under
the service name ``kg-explorer`` — never in a plain file.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from explorer.core.atomic import atomic_write
from explorer.core.backends import AUTH_KINDS, EndpointAuth, EndpointConfig
from explorer.core.errors import ExplorerError
from explorer.services.settings import config_dir

KEYRING_SERVICE = "kg-explorer"
MAX_PROFILES = 20


@dataclass
class EndpointProfile:
    """A SPARQL endpoint the user connected to (no secret in here)."""

    url: str
    default_graph: str = ""
    timeout: float = 30.0
    auth_kind: str = "none"
    user: str = ""
    allow_update: bool = False
    update_url: str = ""

    @property
    def secret_key(self) -> str:
        """The keyring entry's name: one secret per authentication kind, user and endpoint."""
        return f"{self.auth_kind}:{self.user}@{self.url}"

    def config(self, secret: str = "") -> EndpointConfig:
        """The core configuration (validated: a one-line error names the bad field)."""
        if self.auth_kind not in AUTH_KINDS:
            raise ExplorerError(f"endpoint authentication: unknown kind {self.auth_kind!r}")
        if self.auth_kind in ("basic", "digest") and not self.user:
            raise ExplorerError("endpoint authentication: a user name is needed for basic or digest authentication")
        return EndpointConfig(
            self.url.strip(),
            default_graph=self.default_graph.strip() or None,
            timeout=float(self.timeout),
            auth=EndpointAuth(self.auth_kind, self.user, secret),
            allow_update=self.allow_update,
            update_url=self.update_url.strip() or None,
        )

    @classmethod
    def from_dict(cls, data: Any) -> EndpointProfile:
        if not isinstance(data, dict) or not isinstance(data.get("url"), str):
            raise ExplorerError("endpoint profile: missing url")
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})


# ---------------------------------------------------------------------------- secrets
def _keyring() -> Any:
    try:
        import keyring
    except ImportError:  # pragma: no cover - keyring is a dependency
        raise ExplorerError("the keyring package is not installed: passwords cannot be stored") from None
    return keyring


def store_secret(profile: EndpointProfile, secret: str) -> None:
    """Keep the password or token in the system keyring."""
    keyring = _keyring()
    try:
        keyring.set_password(KEYRING_SERVICE, profile.secret_key, secret)
    except Exception as error:  # keyring backends raise their own error types
        raise ExplorerError(f"the system keyring refused to store the secret: {error}") from None


def load_secret(profile: EndpointProfile) -> str | None:
    """The stored password or token, or ``None`` when there is none (or no keyring)."""
    keyring = _keyring()
    try:
        value = keyring.get_password(KEYRING_SERVICE, profile.secret_key)
    except Exception:  # no usable keyring: the user is asked instead
        return None
    return value if isinstance(value, str) else None


def forget_secret(profile: EndpointProfile) -> None:
    keyring = _keyring()
    # Nothing stored, or no keyring: nothing to forget.
    with contextlib.suppress(Exception):
        keyring.delete_password(KEYRING_SERVICE, profile.secret_key)


# ---------------------------------------------------------------------------- saved profiles
def profiles_path() -> Path:
    return config_dir() / "endpoints.json"


def load_profiles(path: Path | None = None) -> list[EndpointProfile]:
    """Saved endpoints, most recent first; an unreadable file gives an empty list."""
    path = path or profiles_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    profiles = []
    for item in data.get("endpoints", []) if isinstance(data, dict) else []:
        try:
            profiles.append(EndpointProfile.from_dict(item))
        except (ExplorerError, TypeError):
            continue
    return profiles


def remember_profile(profile: EndpointProfile, path: Path | None = None) -> None:
    """Put ``profile`` first in the saved endpoints (one per URL and user), atomically."""
    path = path or profiles_path()
    kept = [p for p in load_profiles(path) if (p.url, p.user) != (profile.url, profile.user)]
    data = {"schema_version": 1, "endpoints": [asdict(p) for p in [profile, *kept][:MAX_PROFILES]]}
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
