"""The command line parses the same whichever sub-command's parser alone is built in full."""

from __future__ import annotations

import pytest

from explorer import cli


def _help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exited:
        cli.main(argv)
    assert exited.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", cli.COMMANDS)
def test_each_command_help_is_the_whole_parsers(command, capsys) -> None:
    alone = cli.build_parser(command)
    whole = cli.build_parser()
    with pytest.raises(SystemExit):
        alone.parse_args([command, "--help"])
    with pytest.raises(SystemExit):
        whole.parse_args([command, "--help"])
    first, second = capsys.readouterr().out.split("usage: ")[1:]
    assert first == second
    assert "--help" in first
    # the list of commands is the same too
    assert alone.format_help() == whole.format_help()


def test_a_command_argparse_reads_elsewhere_is_still_parsed_in_full(capsys) -> None:
    # `--d` abbreviates --db and takes "extract" as its value: the command is "search".
    assert "--group" in _help(["--d", "extract", "search", "--help"], capsys)
    assert "--target-label" in _help(["--d", "extract", "rules", "add", "--help"], capsys)


def test_a_usage_error_names_the_command_and_exits_2(capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["extract", "--jobs", "many"])
    assert exited.value.code == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("explorer extract: argument --jobs: invalid int value")
    assert err.count("\n") == 1
