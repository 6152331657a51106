"""Saved endpoints: profiles in a JSON file without secrets, secrets in the keyring."""

from __future__ import annotations

import json

import pytest

from explorer.core.errors import ExplorerError
from explorer.services.endpoints import (
    EndpointProfile,
    forget_secret,
    load_profiles,
    load_secret,
    profiles_path,
    remember_profile,
    store_secret,
)


def test_secret_goes_to_the_keyring_never_to_the_file(memory_keyring):
    profile = EndpointProfile("https://kg.example.org/sparql", auth_kind="basic", user="ann")
    store_secret(profile, "s3cret")
    remember_profile(profile)
    assert memory_keyring == {("kg-explorer", "basic:ann@https://kg.example.org/sparql"): "s3cret"}
    assert "s3cret" not in profiles_path().read_text(encoding="utf-8")
    assert load_secret(profile) == "s3cret"
    forget_secret(profile)
    assert load_secret(profile) is None


def test_without_a_keyring_nothing_is_found():
    # tests/conftest.py selects keyring's null backend: it stores nothing.
    profile = EndpointProfile("https://kg.example.org/sparql", auth_kind="bearer")
    assert load_secret(profile) is None


def test_profiles_most_recent_first_one_per_url_and_user():
    remember_profile(EndpointProfile("http://a/sparql", user="x"))
    remember_profile(EndpointProfile("http://b/sparql", default_graph="urn:g", timeout=5))
    remember_profile(EndpointProfile("http://a/sparql", user="x", allow_update=True))
    profiles = load_profiles()
    assert [(p.url, p.allow_update) for p in profiles] == [("http://a/sparql", True), ("http://b/sparql", False)]
    assert profiles[1].default_graph == "urn:g" and profiles[1].timeout == 5


def test_unreadable_profiles_file_gives_no_profiles():
    path = profiles_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{ not json", encoding="utf-8")
    assert load_profiles() == []
    path.write_text(json.dumps({"endpoints": [{"nourl": 1}, {"url": "http://ok/sparql", "bogus": 2}]}), encoding="utf-8")
    assert [p.url for p in load_profiles()] == ["http://ok/sparql"]


def test_profile_config_names_the_bad_field():
    with pytest.raises(ExplorerError, match="user name is needed"):
        EndpointProfile("http://a/sparql", auth_kind="digest").config("pw")
    with pytest.raises(ExplorerError, match="endpoint url"):
        EndpointProfile("ftp://a/sparql").config()
    config = EndpointProfile("http://a/sparql", default_graph=" urn:g ", auth_kind="bearer").config("tok")
    assert config.default_graph == "urn:g" and config.auth.secret == "tok" and not config.allow_update
