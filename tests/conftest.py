"""Test-wide set-up: Qt offscreen, settings and user data in a temporary folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Endpoint secrets: no test may read or write the real system keyring.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

import pytest


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Every test gets its own settings and data folders: nothing touches the real home."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("KG_EXPLORER_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("KG_EXPLORER_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    yield


@pytest.fixture(scope="session")
def bundled_graph():
    """The ontology and the article graph, loaded once (read-only: do not mutate)."""
    from explorer.core.graph import KnowledgeGraph

    return KnowledgeGraph.bundled()


@pytest.fixture
def memory_keyring():
    """A keyring that keeps secrets in a dict: tests never touch the real one."""
    import keyring
    from keyring.backend import KeyringBackend

    store: dict[tuple[str, str], str] = {}

    class _Memory(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def get_password(self, service, username):
            return store.get((service, username))

        def set_password(self, service, username, password):
            store[(service, username)] = password

        def delete_password(self, service, username):
            store.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(_Memory())
    yield store
    keyring.set_keyring(previous)
