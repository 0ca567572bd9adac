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


@pytest.mark.parametrize(
    "argv",
    [
        ["extract", "--jsonl"],
        ["extract", "--jsonl", "--jobs", "1"],
        ["extract", "--jobs", "3", "--jsonl"],
        ["extract", "--jobs=2", "--jsonl", "--jsonl"],
        ["extract", "--jsonl", "--jobs", "1", "--jobs", "4"],
    ],
)
def test_extract_jsonl_is_read_as_argparse_reads_it(argv) -> None:
    # `extract --jsonl [--jobs N]` is read without argparse (start-up): the same arguments.
    quick = cli._extract_args(argv)
    assert quick is not None
    full = cli.build_parser("extract").parse_args(argv)
    assert vars(quick) == {**vars(full), "global_db": None}


@pytest.mark.parametrize(
    "argv",
    [
        ["extract"],  # neither paths nor --jsonl: argparse, then the command, say so
        ["extract", "a.txt"],
        ["extract", "--jsonl", "a.txt"],
        ["extract", "--json"],  # an abbreviation
        ["extract", "--jsonl", "--jobs"],
        ["extract", "--jsonl", "--jobs", "-1"],
        ["extract", "--jsonl", "--jobs", "two"],
        ["extract", "--jsonl", "--help"],
        ["extract", "--jsonl", "--db", "x.json"],
        ["--db", "x.json", "extract", "--jsonl"],
        ["extract", "--jsonl", "--"],
    ],
)
def test_every_other_extract_form_is_left_to_argparse(argv) -> None:
    assert cli._extract_args(argv) is None


def test_a_bad_jobs_value_after_jsonl_is_still_argparses_one_line(capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["extract", "--jsonl", "--jobs", "many"])
    assert exited.value.code == cli.EXIT_USAGE
    assert capsys.readouterr().err.startswith("explorer extract: argument --jobs: invalid int")
