"""Settings an admin mistypes are refused where they are read, with the setting named, not served."""

import pytest
from phiguard.cli import main
from phiguard.config import ConfigError, effective_settings


@pytest.mark.parametrize("mode", ["warn", "block"])
def test_known_enforcement_modes_are_taken(mode):
    assert effective_settings(environ={"PHIGUARD_ENFORCEMENT": mode})["ENFORCEMENT"] == mode


@pytest.mark.parametrize("mode", ["off", "Block", ""])
def test_an_unknown_enforcement_mode_from_the_environment_is_refused(mode):
    with pytest.raises(ConfigError, match="enforcement .*warn, block"):
        effective_settings(environ={"PHIGUARD_ENFORCEMENT": mode})


def test_an_unknown_enforcement_mode_in_a_config_file_is_refused(tmp_path):
    path = tmp_path / "phiguard.toml"
    path.write_text('enforcement = "strict"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="'strict'"):
        effective_settings(environ={"PHIGUARD_CONFIG": str(path)})


def test_a_number_setting_that_is_not_a_number_names_its_variable():
    with pytest.raises(ConfigError, match="PHIGUARD_REQUEST_BUDGET='ten'"):
        effective_settings(environ={"PHIGUARD_REQUEST_BUDGET": "ten"})


def test_the_command_line_says_so_in_one_line_and_exits_2(monkeypatch, capsys):
    monkeypatch.setenv("PHIGUARD_ENFORCEMENT", "off")
    assert main(["doctor", "--no-model"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("phiguard: enforcement 'off'") and "\n" not in err


def test_a_list_setting_may_be_a_json_array_when_its_items_hold_commas():
    # Before: "moz-extension://[0-9a-f]{1,3}" was cut at its comma into two broken patterns.
    value = '["chrome-extension://abc", "moz-extension://[0-9a-f]{1,3}"]'
    got = effective_settings(environ={"PHIGUARD_CORS_ORIGINS": value})["CORS_ORIGINS"]
    assert got == ["chrome-extension://abc", "moz-extension://[0-9a-f]{1,3}"]


def test_a_list_setting_without_brackets_is_still_split_on_commas():
    got = effective_settings(environ={"PHIGUARD_ALLOWED_HOSTS": "a.example,b.example"})["ALLOWED_HOSTS"]
    assert got == ["a.example", "b.example"]


@pytest.mark.parametrize("value", ['["unclosed"', '[1, 2]', '{"a": 1}'.replace("{", "[{")])
def test_a_broken_json_array_is_refused_with_the_variable_named(value):
    with pytest.raises(ConfigError, match="PHIGUARD_CORS_ORIGINS"):
        effective_settings(environ={"PHIGUARD_CORS_ORIGINS": value})
