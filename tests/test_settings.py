from __future__ import annotations

from pathlib import Path

import pytest

from signaldesk.errors import ConfigError
from signaldesk.settings import Settings, load_settings

README = Path(__file__).resolve().parents[1] / "README.md"


def test_layers_default_file_env_cli(tmp_path: Path) -> None:
    conf = tmp_path / "s.toml"
    conf.write_text(
        '[signaldesk]\nport = 9000\nhost = "0.0.0.0"\nbatch_size = 5\n', encoding="utf-8"
    )
    s = load_settings(
        conf,
        env={"SIGNALDESK_PORT": "9100", "SIGNALDESK_FETCH_ALLOW_PRIVATE": "1"},
        overrides={"host": "127.0.0.2"},
    )
    assert (s.port, s.host, s.batch_size, s.fetch_allow_private) == (9100, "127.0.0.2", 5, True)
    assert load_settings(env={}).port == Settings().port


def test_unknown_and_malformed_settings_are_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown setting 'prot'"):
        load_settings(env={}, overrides={"prot": 1})
    with pytest.raises(ConfigError, match="port: 'eighty'"):
        load_settings(env={"SIGNALDESK_PORT": "eighty"})
    with pytest.raises(ConfigError, match="fetch_allow_private"):
        load_settings(env={"SIGNALDESK_FETCH_ALLOW_PRIVATE": "maybe"})
    bad = tmp_path / "bad.toml"
    bad.write_text("port = = 1", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.toml"):
        load_settings(bad, env={})


def test_settings_are_frozen() -> None:
    with pytest.raises(AttributeError):
        Settings().port = 1  # type: ignore[misc]


def test_every_setting_is_documented_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    for name, _default, help_text in Settings.help_table():
        assert f"`SIGNALDESK_{name.upper()}`" in text, f"README lacks setting {name}"
        assert help_text in text, f"README's help for {name} is out of date"
