"""Settings: defaults, round trip, atomic writes, and files that are wrong in every way."""

from __future__ import annotations

import json

from explorer.services.settings import (
    MAX_RECENT_FILES,
    SCHEMA_VERSION,
    Settings,
    config_dir,
    data_dir,
    load_settings,
    save_settings,
    settings_path,
)


def test_dirs_follow_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_EXPLORER_CONFIG_DIR", str(tmp_path / "c"))
    monkeypatch.setenv("KG_EXPLORER_DATA_DIR", str(tmp_path / "d"))
    assert config_dir() == tmp_path / "c"
    assert data_dir() == tmp_path / "d"
    assert settings_path() == tmp_path / "c" / "settings.json"


def test_missing_file_gives_defaults_without_warning():
    settings, warning = load_settings()
    assert settings == Settings()
    assert warning is None


def test_round_trip():
    settings = Settings(theme="dark", query_timeout=12.5, allow_update=True, storage_mode="disk",
                        last_layout="radial", expansion_cap=40)
    settings.add_recent_file("/tmp/one.ttl")
    path = save_settings(settings)
    assert json.loads(path.read_text())["schema_version"] == SCHEMA_VERSION
    loaded, warning = load_settings()
    assert warning is None
    assert loaded == settings
    assert not list(path.parent.glob(".*.tmp"))


def test_corrupt_file_gives_defaults_and_one_line_warning():
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('{"theme": "dark",\n  oops')
    settings, warning = load_settings()
    assert settings == Settings()
    assert warning is not None and "\n" not in warning
    assert str(path) in warning and ":2:" in warning


def test_wrong_values_fall_back_per_field():
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"theme": "dark", "query_timeout": "soon", "expansion_cap": -3,
                                "allow_network": "yes", "unknown_key": 1, "recent_files": ["/a", "/a", 3]}))
    settings, warning = load_settings()
    assert settings.theme == "dark"
    assert settings.query_timeout == Settings().query_timeout
    assert settings.expansion_cap == Settings().expansion_cap
    assert settings.allow_network is False
    assert settings.recent_files == []
    assert warning is not None and "recent_files" in warning and "(and 3 more)" in warning


def test_not_an_object_and_newer_schema():
    assert Settings.from_dict([1, 2])[1]
    settings, warnings = Settings.from_dict({"schema_version": SCHEMA_VERSION + 1, "theme": "light"})
    assert settings.theme == "light"
    assert "newer" in warnings[0]


def test_unreadable_bytes_do_not_crash():
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\xfe\x00garbage")
    settings, warning = load_settings()
    assert settings == Settings() and warning


def test_recent_files_are_deduplicated_and_capped(tmp_path):
    settings = Settings()
    for index in range(MAX_RECENT_FILES + 3):
        settings.add_recent_file(tmp_path / f"{index}.ttl")
    settings.add_recent_file(tmp_path / "5.ttl")
    assert len(settings.recent_files) == MAX_RECENT_FILES
    assert settings.recent_files[0] == str(tmp_path / "5.ttl")
    assert settings.recent_files.count(str(tmp_path / "5.ttl")) == 1
    settings.forget_recent_file(str(tmp_path / "5.ttl"))
    assert str(tmp_path / "5.ttl") not in settings.recent_files


def test_inference_keys_round_trip_and_are_checked():
    settings = Settings(include_inferred=True, inference_profile="owl-rl", label_languages=["zh", "", "en"])
    save_settings(settings)
    loaded, warning = load_settings()
    assert warning is None
    assert (loaded.include_inferred, loaded.inference_profile) == (True, "owl-rl")
    assert loaded.label_languages == ["zh", "", "en"]
    wrong, problems = Settings.from_dict({"inference_profile": "owl-full", "include_inferred": "yes"})
    assert (wrong.inference_profile, wrong.include_inferred) == ("rdfs", False)
    assert any("inference_profile must be one of rdfs, owl-rl" in p for p in problems)
    assert any("include_inferred must be true or false" in p for p in problems)


def test_check_value_names_the_problem():
    from explorer.services.settings import check_value

    assert check_value("query_timeout", 5) is None
    assert check_value("query_timeout", 0) == "query_timeout must be between 0.1 and 86400 (got 0)"
    assert "language tags" in check_value("label_languages", ["en", "not a tag!"])
    assert check_value("label_languages", []) == "label_languages must name at least one language"
    assert check_value("storage_mode", "cloud").startswith("storage_mode must be one of memory, disk")
    assert check_value("colour", "red") == "colour is not a setting"


def test_learned_relations_is_on_by_default_round_trips_and_is_checked():
    assert Settings().learned_relations is True
    save_settings(Settings(learned_relations=False))
    loaded, warning = load_settings()
    assert warning is None and loaded.learned_relations is False
    # A file written before the switch existed turns the model on.
    older, problems = Settings.from_dict({"schema_version": SCHEMA_VERSION, "ner_model": "en_core_web_sm"})
    assert problems == [] and older.learned_relations is True
    wrong, problems = Settings.from_dict({"learned_relations": "no"})
    assert wrong.learned_relations is True
    assert problems == ["settings: learned_relations must be true or false (got 'no'); using True"]
