"""The README's example tables are what the server really does."""

import re
from pathlib import Path

import pytest
from phiguard.rewrite.rewrite_post import suggestions

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
REWRITES = [(b, re.sub(r"\s*\*\(.*\)\*$", "", a)) for b, a in
            re.findall(r"^\| (.+?) \| (.+?) \|$", README.split("## Rewrites")[1].split("## HTTP")[0], re.M)[2:]]
RISKS = re.findall(r"^\| (.+?) \| (none|low|medium|high) \|$", README, re.M)


def test_tables_were_found():
    assert len(REWRITES) >= 4 and len(RISKS) >= 5


@pytest.mark.parametrize("before,after", REWRITES, ids=[b[:30] for b, _ in REWRITES])
def test_rewrite_example(analyzer, before, after):
    assert suggestions(before, analyzer)[0]["text"] == after


@pytest.mark.parametrize("text,risk", RISKS, ids=[t[:30] for t, _ in RISKS])
def test_risk_example(analyzer, text, risk):
    assert analyzer.analyze(text).risk == risk


def test_readme_says_where_phiguard_is_and_what_scripts_serve_passes_on():
    serve_script = (Path(__file__).resolve().parents[2] / "scripts" / "serve").read_text(encoding="utf-8")
    assert 'exec .venv/bin/phiguard serve "$@"' in serve_script
    setup = README.split("## Set up and run")[1].split("## ")[0]
    assert "`.venv/bin/phiguard`" in setup and "arguments go to `phiguard serve`" in setup


def test_readme_command_line_options_exist():
    from phiguard.cli import build_parser

    block = README.split("## Command line")[1].split("```sh")[1].split("```")[0]
    subcommands = build_parser()._subparsers._group_actions[0].choices
    checked = 0
    for line in block.splitlines():
        command = re.match(r"phiguard ([\w-]+)", line)
        if command:
            known = set(subcommands[command.group(1)]._option_string_actions)
            for option in re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", line.split("#")[0]):
                assert option in known, f"{option} in {line!r}"
                checked += 1
    assert checked >= 10


def test_readme_command_line_lists_every_option():
    # The other way round from the test above: an option added to phiguard must reach the README too.
    from phiguard.cli import build_parser

    section = README.split("## Command line")[1].split("\n## ")[0]
    block = section.split("```sh")[1].split("```")[0]
    engine_settings = {"--rules", "--config", "--model"}  # one sentence below the block names them for all
    assert all(f"`{option}" in section for option in engine_settings)
    browser_only = {"--parent-window"}  # what Chrome passes native-host, in "Native messaging"
    for name, command in build_parser()._subparsers._group_actions[0].choices.items():
        lines = [line.split("#")[0] for line in block.splitlines() if line.startswith(f"phiguard {name} ")]
        documented = set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", " ".join(lines)))
        for action in command._actions:
            spellings = set(action.option_strings)
            if spellings and not spellings & ({"-h"} | engine_settings | browser_only):
                assert spellings & documented, f"phiguard {name} {'/'.join(sorted(spellings))} is not in the README"


def test_readme_configuration_table_lists_every_setting_as_read():
    from phiguard.config import DEFAULTS, from_environment

    table = README.split("## Configuration")[1].split("\n### ")[0]
    rows = dict(re.findall(r"^\| `([a-z_]+)` / `(PHIGUARD_[A-Z_]+)` \|", table, re.M))
    assert rows == {key.lower(): f"PHIGUARD_{key}" for key in DEFAULTS}
    for key in DEFAULTS:  # each name in the table is one the server reads
        value = "7" if isinstance(DEFAULTS[key], (int, float)) else "x"
        assert key in from_environment({rows[key.lower()]: value})
    assert "`PHIGUARD_CONFIG`" in table and "`--config`" in table
