"""User settings: a small typed model stored as JSON in the user's config folder.

The file is ``settings.json`` in :func:`config_dir` (platformdirs' config folder for
"kg-explorer", or ``$KG_EXPLORER_CONFIG_DIR``); :func:`data_dir` (``$KG_EXPLORER_DATA_DIR``)
holds logs and workspaces. Writes are atomic (:mod:`explorer.core.atomic`), so a crash
never leaves half a file. Reading never fails: a missing file gives the defaults, a
corrupt one gives the defaults plus a one-line warning, and a value of the wrong type
falls back to its default (with a warning naming the field).

>>> settings = Settings()
>>> settings.add_recent_file("/tmp/a.ttl")
>>> settings.recent_files
['/tmp/a.ttl']
>>> Settings.from_dict({"theme": "purple"})[1]
['settings: theme must be one of system, light, dark (got purple); using system']
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from explorer.core.atomic import atomic_write
from explorer.core.layout_registry import LAYOUT_NAMES
from explorer.core.sparql import DEFAULT_QUERY_MEMORY_MB

SCHEMA_VERSION = 1
APP_NAME = "kg-explorer"
SETTINGS_FILE = "settings.json"
MAX_RECENT_FILES = 10

THEMES = ("system", "light", "dark")
STORAGE_MODES = ("memory", "disk")
LAYOUTS = LAYOUT_NAMES
#: Inference rule sets the workbench can materialise (keys of explorer.core.inference.PROFILES).
INFERENCE_PROFILES = ("rdfs", "owl-rl")
#: A language tag as written in RDF literals (BCP 47 shape: "en", "zh-Hans", "pt-BR").
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")


def config_dir() -> Path:
    """Where settings live: ``$KG_EXPLORER_CONFIG_DIR`` or the platform's config folder."""
    override = os.environ.get("KG_EXPLORER_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """Where logs and on-disk workspaces live: ``$KG_EXPLORER_DATA_DIR`` or the platform's data folder."""
    override = os.environ.get("KG_EXPLORER_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def workspaces_dir() -> Path:
    """Where on-disk workspaces are created when the storage mode is "disk"."""
    return data_dir() / "workspaces"


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


@dataclass
class Settings:
    """Everything the app remembers between sessions (window geometry is kept by Qt)."""

    schema_version: int = SCHEMA_VERSION
    #: Most recent first; at most MAX_RECENT_FILES.
    recent_files: list[str] = field(default_factory=list)
    #: "system" follows the desktop's light/dark scheme.
    theme: str = "system"
    #: Seconds a SPARQL query may run before it is stopped.
    query_timeout: float = 30.0
    #: Rows a query result keeps before it is marked truncated.
    max_result_rows: int = 10_000
    #: Megabytes of memory a query typed by the user may take before it is stopped.
    query_memory_mb: int = DEFAULT_QUERY_MEMORY_MB
    #: SPARQL Update is refused unless allowed.
    allow_update: bool = False
    #: SERVICE federation and remote endpoints are refused unless allowed.
    allow_network: bool = False
    #: "memory" keeps the store in RAM; "disk" keeps a workspace folder in the data dir.
    storage_mode: str = "memory"
    #: The layout last chosen on the canvas.
    last_layout: str = "force"
    #: Neighbours added per expansion before the rest goes into a "+N more" node.
    expansion_cap: int = 25
    #: Language tags tried in order when choosing a label ("" = no tag).
    label_languages: list[str] = field(default_factory=lambda: ["en", "", "zh"])
    #: Suggestions shown while typing in a search box.
    search_suggestions: int = 15
    #: Hop limit the path finder starts with.
    path_max_hops: int = 6
    #: Whether inferred triples are added when a graph opens (View ▸ Include Inferred Triples).
    include_inferred: bool = False
    #: Which rules infer them: "rdfs" or "owl-rl".
    inference_profile: str = "rdfs"
    #: Analysis ▸ Measures: the last measure, scope, hops and colouring chosen.
    analysis_measure: str = "pagerank"
    analysis_scope: str = "canvas"
    analysis_hops: int = 2
    analysis_color_by: str = "community"
    #: Analysis ▸ Risk Exposure: the longest chain followed.
    risk_max_hops: int = 6
    #: Analysis ▸ Timeline: the range last chosen (ISO dates; empty: the whole timeline).
    timeline_start: str = ""
    timeline_end: str = ""
    #: View ▸ Style Panel: what a new rule applies to, and the colour it starts from.
    style_rule_kind: str = "class"
    style_rule_color: str = "#0072B2"
    #: Who the analyst is: the name recorded (PROV) with every fact they add or change.
    analyst_name: str = ""
    #: An installed spaCy pipeline (e.g. "en_core_web_sm") whose entities add name candidates when
    #: facts are suggested from an article; empty: none (the suggester needs none).
    ner_model: str = ""
    #: Whether the bundled trained relation model adds the facts no pattern of the ontology fired for (each marked
    #: "[model]", with its measured share right as confidence) when facts are suggested from an article; off: the rules alone.
    learned_relations: bool = True

    # ------------------------------------------------------------------ recent files
    def add_recent_file(self, path: str | os.PathLike[str]) -> None:
        """Put ``path`` first in the recent files (absolute, no duplicates, capped)."""
        text = str(Path(path).expanduser().absolute())
        self.recent_files = [text, *(p for p in self.recent_files if p != text)][:MAX_RECENT_FILES]

    def forget_recent_file(self, path: str) -> None:
        self.recent_files = [p for p in self.recent_files if p != path]

    # ------------------------------------------------------------------ (de)serialisation
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> tuple[Settings, list[str]]:
        """Settings from parsed JSON, and one warning per value that had to be replaced."""
        settings = cls()
        warnings: list[str] = []
        if not isinstance(data, dict):
            return settings, ["settings: the file does not hold a JSON object; using defaults"]
        version = data.get("schema_version", SCHEMA_VERSION)
        if isinstance(version, int) and version > SCHEMA_VERSION:
            warnings.append(f"settings: written by a newer version (schema {version}); keeping what this version understands")
        for spec in fields(cls):
            if spec.name == "schema_version" or spec.name not in data:
                continue
            value, problem = _checked(spec.name, data[spec.name], getattr(settings, spec.name))
            if problem:
                warnings.append(f"settings: {problem}; using {_shown(getattr(settings, spec.name))}")
            else:
                setattr(settings, spec.name, value)
        return settings, warnings


_CHOICES: dict[str, tuple[str, ...]] = {"theme": THEMES, "storage_mode": STORAGE_MODES, "last_layout": LAYOUTS,
                                        "inference_profile": INFERENCE_PROFILES,
                                        "analysis_measure": ("pagerank", "degree", "betweenness"),
                                        "analysis_scope": ("canvas", "focus", "graph"),
                                        "analysis_color_by": ("community", "pagerank", "degree", "betweenness", "none"),
                                        "style_rule_kind": ("class", "property", "predicate", "evidence")}
_RANGES: dict[str, tuple[float, float]] = {
    "query_timeout": (0.1, 86_400.0),
    "max_result_rows": (1, 10_000_000),
    "query_memory_mb": (64, 1_048_576),
    "expansion_cap": (1, 10_000),
    "search_suggestions": (1, 200),
    "path_max_hops": (1, 20),
    "analysis_hops": (1, 6),
    "risk_max_hops": (1, 12),
}


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]" if value else "none"
    return str(value)


def _checked(name: str, value: Any, default: Any) -> tuple[Any, str | None]:
    """``value`` if it fits the field (coerced where harmless), else a problem description."""
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value, None
        return default, f"{name} must be true or false (got {value!r})"
    if isinstance(default, (int, float)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return default, f"{name} must be a number (got {value!r})"
        if isinstance(default, int) and not float(value).is_integer():
            return default, f"{name} must be a whole number (got {value!r})"
        low, high = _RANGES.get(name, (float("-inf"), float("inf")))
        if not low <= value <= high:
            return default, f"{name} must be between {low:g} and {high:g} (got {value!r})"
        return type(default)(value), None
    if isinstance(default, str):
        choices = _CHOICES.get(name)
        if not isinstance(value, str) or (choices and value not in choices):
            allowed = f"one of {', '.join(choices)}" if choices else "text"
            return default, f"{name} must be {allowed} (got {value})"
        return value, None
    if isinstance(default, list):
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            return default, f"{name} must be a list of text (got {value!r})"
        if name == "recent_files":
            value = list(dict.fromkeys(value))[:MAX_RECENT_FILES]
        if name == "label_languages":
            bad = next((item for item in value if item and not _LANGUAGE_TAG.match(item)), None)
            if bad is not None:
                return default, f"{name} must be language tags like en, zh-Hans (got {bad!r})"
            if not value:
                return default, f"{name} must name at least one language"
            value = list(dict.fromkeys(value))
        return value, None
    return default, f"{name} has an unsupported value"  # pragma: no cover - every field is covered above


def check_value(name: str, value: Any) -> str | None:
    """Why ``value`` does not fit the setting ``name`` (one line), or None when it does.

    >>> check_value("expansion_cap", 0)
    'expansion_cap must be between 1 and 10000 (got 0)'
    >>> check_value("label_languages", ["en", ""]) is None
    True
    """
    spec = {f.name: f for f in fields(Settings)}.get(name)
    if spec is None:
        return f"{name} is not a setting"
    _value, problem = _checked(name, value, getattr(Settings(), name))
    return problem


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """The saved settings and, when something was wrong with the file, a one-line warning.

    Never raises: whatever is on disk, the app starts.
    """
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(), None
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return Settings(), f"{path}: cannot be read ({reason}); using default settings"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return Settings(), f"{path}:{error.lineno}:{error.colno}: not valid JSON ({error.msg}); using default settings"
    settings, warnings = Settings.from_dict(data)
    if not warnings:
        return settings, None
    more = f" (and {len(warnings) - 1} more)" if len(warnings) > 1 else ""
    return settings, f"{path}: {warnings[0].removeprefix('settings: ')}{more}"


def settings_text(settings: Settings) -> str:
    """The settings file's text."""
    return json.dumps(settings.to_dict(), indent=2, ensure_ascii=False) + "\n"


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings atomically; returns the file written."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, settings_text(settings))
    return path
