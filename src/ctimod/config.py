"""Project settings: ``.ctimod.toml`` or ``[tool.ctimod]`` in ``pyproject.toml``.

The same settings then hold for CI, pre-commit and local runs. The file is looked for from the
current folder upwards (the first ``.ctimod.toml``, or ``pyproject.toml`` holding a
``[tool.ctimod]`` table, wins), or named with ``--config``. Options given on the command line win
over the file; a list option on the command line replaces the file's list.

    [tool.ctimod]                      # or, in .ctimod.toml, the same keys at the top level
    include = ["force-app/**", "static/**"]
    exclude = ["**/test/**"]
    fail-on = ["manual", "invalid"]
    baseline = ".ctimod-baseline.json" # accepted findings: only new ones fail
    connector-api = 4
    max-file-size = "10MB"
    api-version = "62.0"
    ignore-files = true                # honour .gitignore / .forceignore (false = --no-ignore)
    connector-hosting = "static-resource"
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field

FAIL_ON_CHOICES = ("manual", "review", "invalid", "drop")
KEYS = ("include", "exclude", "fail-on", "baseline", "connector-api", "max-file-size", "api-version", "ignore-files",
        "connector-hosting")
HOSTING_CHOICES = ("external", "static-resource")


class ConfigError(Exception):
    """The configuration file is unreadable or holds a wrong value (a usage error)."""


@dataclass
class Config:
    path: str | None = None  # the file the settings came from
    include: list[str] | None = None
    exclude: list[str] | None = None
    fail_on: list[str] | None = None
    baseline: str | None = None  # resolved against the configuration file's folder
    connector_api: int | None = None
    max_file_size: int | None = None
    api_version: str | None = None
    ignore_files: bool | None = None
    connector_hosting: str | None = None
    keys: list[str] = field(default_factory=list)


def _toml(path: str) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None


def find(start: str = ".") -> str | None:
    """The settings file that applies to ``start``: the nearest .ctimod.toml or pyproject.toml with [tool.ctimod]."""
    current = os.path.abspath(start)
    while True:
        candidate = os.path.join(current, ".ctimod.toml")
        if os.path.isfile(candidate):
            return candidate
        candidate = os.path.join(current, "pyproject.toml")
        if os.path.isfile(candidate):
            try:
                if "ctimod" in _toml(candidate).get("tool", {}):
                    return candidate
            except ConfigError:
                pass  # somebody else's broken pyproject.toml is not ours to report
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _size(value) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?i?b?)?\s*", str(value), re.I)
    if not match:
        raise ValueError("a size such as 500000, \"512KB\" or \"10MB\"")
    unit = (match.group(2) or "").lower().rstrip("b").rstrip("i")
    return int(float(match.group(1)) * {"": 1, "k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}[unit])


def _strings(value, key: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("a list of strings")
    return list(value)


def load(path: str) -> Config:
    """Read a settings file; every wrong key or value is a ConfigError naming the file and key."""
    data = _toml(path)
    if os.path.basename(path) == "pyproject.toml":
        table = data.get("tool", {}).get("ctimod")
        if table is None:
            raise ConfigError(f"{path} has no [tool.ctimod] table")
        where = f"{path} [tool.ctimod]"
    else:
        table = data.get("tool", {}).get("ctimod", data) if set(data) == {"tool"} else data
        where = path
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: not a table")
    config = Config(path=path)
    base = os.path.dirname(os.path.abspath(path))
    for key, value in table.items():
        name = key.replace("_", "-")
        if name not in KEYS:
            close = difflib.get_close_matches(name, KEYS, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(f"{where}: unknown setting {key!r}{hint}; known: {', '.join(KEYS)}")
        try:
            if name in ("include", "exclude"):
                setattr(config, name, _strings(value, name))
            elif name == "fail-on":
                values = [v.strip().lower() for item in _strings(value, name) for v in item.split(",") if v.strip()]
                wrong = [v for v in values if v not in FAIL_ON_CHOICES]
                if wrong:
                    raise ValueError(f"some of {', '.join(FAIL_ON_CHOICES)} (not {wrong[0]!r})")
                config.fail_on = values
            elif name == "baseline":
                if not isinstance(value, str) or not value:
                    raise ValueError("a file name")
                config.baseline = os.path.normpath(os.path.join(base, value))
            elif name == "connector-api":
                if value not in (3, 4) or isinstance(value, bool):
                    raise ValueError("3 or 4")
                config.connector_api = value
            elif name == "max-file-size":
                config.max_file_size = _size(value)
            elif name == "api-version":
                match = re.fullmatch(r"(\d{2,3})(?:\.0)?", str(value).strip())
                if not match or isinstance(value, bool):
                    raise ValueError("a Salesforce API version such as \"62.0\"")
                config.api_version = f"{int(match.group(1))}.0"
            elif name == "ignore-files":
                if not isinstance(value, bool):
                    raise ValueError("true or false")
                config.ignore_files = value
            elif name == "connector-hosting":
                if value not in HOSTING_CHOICES:
                    raise ValueError(" or ".join(repr(c) for c in HOSTING_CHOICES))
                config.connector_hosting = value
        except ValueError as exc:
            raise ConfigError(f"{where}: {key} must be {exc}, not {value!r}") from None
        config.keys.append(name)
    return config


def resolve(explicit: str | None, disabled: bool, start: str = ".") -> Config:
    """The settings for this run: ``--config FILE``, none with ``--no-config``, else the nearest file."""
    if disabled:
        return Config()
    if explicit:
        if not os.path.isfile(explicit):
            raise ConfigError(f"--config {explicit}: no such file")
        return load(explicit)
    path = find(start)
    return load(path) if path else Config()
