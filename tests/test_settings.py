from pathlib import Path

import pytest

from newsdesk.errors import ConfigError
from newsdesk.settings import SETTINGS_HELP, Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]


def test_precedence_defaults_file_env_flags(tmp_path):
    cfg = tmp_path / "newsdesk.toml"
    cfg.write_text('db = "from-file.db"\nrequest_delay = 2.5\nport = 9000\n')
    env = {"NEWSDESK_PORT": "9100", "NEWSDESK_ALLOW_PRIVATE": "yes"}
    s = load_settings(cfg, env=env, port=9200)
    assert s.db == "from-file.db"          # file beats default
    assert s.request_delay == 2.5
    assert s.allow_private is True          # env beats default
    assert s.port == 9200                   # flag beats env beats file
    assert load_settings(cfg, env=env).port == 9100
    assert load_settings(None, env={}).port == Settings().port


def test_unknown_keys_are_errors(tmp_path):
    cfg = tmp_path / "newsdesk.toml"
    cfg.write_text("request_dealy = 3\n")
    with pytest.raises(ConfigError, match="unknown setting 'request_dealy'"):
        load_settings(cfg, env={})
    with pytest.raises(ConfigError, match="NEWSDESK_PROT"):
        load_settings(None, env={"NEWSDESK_PROT": "1"})


def test_bad_values_say_which_setting(tmp_path):
    with pytest.raises(ConfigError, match="port"):
        load_settings(None, env={"NEWSDESK_PORT": "eighty"})


def test_every_setting_has_help_and_is_documented_in_readme():
    fields = set(Settings.__dataclass_fields__) - {"extra"}
    assert fields == set(SETTINGS_HELP)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in fields if f"`{name}`" not in readme]
    assert not missing, f"settings not documented in README: {missing}"
