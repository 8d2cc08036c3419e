"""Configuration discovery and what each key does, seen through the command line."""

from __future__ import annotations

from pathlib import Path

from scrapelint.cli import main

UNDATED = "---\ntitle: x\n---\nBody.\n"  # DT001 on line 1
UNTITLED = "---\ndate: 2021-01-01\n---\nBody.\n"  # FM007 on line 1


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def reported(capsys, *args: str) -> set[tuple[str, str]]:
    main(["check", "--output-format", "concise", *args])
    out = capsys.readouterr().out
    return {
        (Path(line.split(":")[0]).name, line.split(": ")[1].split()[0]) for line in out.splitlines() if ": " in line
    }


def test_nearest_configuration_wins(tmp_path: Path, capsys) -> None:
    write(tmp_path / "pyproject.toml", '[tool.scrapelint]\nignore = ["DT001"]\n')
    write(tmp_path / "top.md", UNDATED)
    write(tmp_path / "sub" / "scrapelint.toml", 'select = ["DT001"]\n')
    write(tmp_path / "sub" / "inner.md", UNDATED)
    assert reported(capsys, str(tmp_path)) == {("inner.md", "DT001")}


def test_scrapelint_toml_beats_pyproject_in_the_same_folder(tmp_path: Path, capsys) -> None:
    write(tmp_path / "pyproject.toml", '[tool.scrapelint]\nselect = ["FM"]\n')
    write(tmp_path / "scrapelint.toml", 'select = ["DT"]\n')
    write(tmp_path / "a.md", UNDATED)
    assert reported(capsys, str(tmp_path)) == {("a.md", "DT001")}


def test_pyproject_without_a_scrapelint_table_is_passed_over(tmp_path: Path, capsys) -> None:
    write(tmp_path / "pyproject.toml", '[tool.scrapelint]\nignore = ["DT"]\n')
    write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")
    write(tmp_path / "sub" / "a.md", UNDATED)
    assert reported(capsys, str(tmp_path)) == set()


def test_config_flag_overrides_discovery(tmp_path: Path, capsys) -> None:
    write(tmp_path / "scrapelint.toml", 'ignore = ["DT"]\n')
    custom = write(tmp_path / "elsewhere" / "custom.toml", 'select = ["DT001"]\n')
    write(tmp_path / "a.md", UNDATED)
    assert reported(capsys, "--config", str(custom), str(tmp_path)) == {("a.md", "DT001")}


def test_command_line_selection_beats_the_file(tmp_path: Path, capsys) -> None:
    write(tmp_path / "scrapelint.toml", 'select = ["FM"]\n')
    write(tmp_path / "a.md", UNDATED)
    assert reported(capsys, str(tmp_path)) == set()
    assert reported(capsys, "--extend-select", "DT001", str(tmp_path)) == {("a.md", "DT001")}
    assert reported(capsys, "--select", "DT", "--ignore", "DT001", str(tmp_path)) == set()


def test_per_file_ignores(tmp_path: Path, capsys) -> None:
    write(tmp_path / "scrapelint.toml", '[per-file-ignores]\n"archive/**" = ["DT"]\n"*.html" = ["date-missing"]\n')
    write(tmp_path / "archive" / "2001" / "old.md", UNDATED)
    write(tmp_path / "page.html", UNDATED)
    write(tmp_path / "new.md", UNDATED)
    assert reported(capsys, str(tmp_path)) == {("new.md", "DT001")}


def test_exclude(tmp_path: Path, capsys) -> None:
    write(tmp_path / "scrapelint.toml", 'exclude = ["drafts/", "*.tmp.md"]\n')
    write(tmp_path / "drafts" / "a.md", UNDATED)
    write(tmp_path / "b.tmp.md", UNDATED)
    write(tmp_path / "c.md", UNDATED)
    assert reported(capsys, str(tmp_path)) == {("c.md", "DT001")}


def test_rule_options_by_code_or_name(tmp_path: Path, capsys) -> None:
    write(tmp_path / "a.md", "---\ntitle: x\ndate: 2021-01-01\n---\n")
    write(tmp_path / "scrapelint.toml", '[rules.front-matter-required-field]\nrequired = ["title", "author"]\n')
    assert reported(capsys, str(tmp_path)) == {("a.md", "FM007")}
    write(tmp_path / "scrapelint.toml", "[rules.FM007]\nrequired = []\n")
    write(tmp_path / "b.md", UNTITLED)
    assert reported(capsys, str(tmp_path)) == set()


def test_unfixable(tmp_path: Path, capsys) -> None:
    article = write(tmp_path / "a.md", "\n" + UNDATED)
    write(tmp_path / "scrapelint.toml", 'unfixable = ["FM001"]\n')
    main(["check", "--fix", str(tmp_path)])
    assert article.read_text(encoding="utf-8") == "\n" + UNDATED
    capsys.readouterr()


def test_force_exclude_applies_exclude_to_named_files(tmp_path: Path, capsys) -> None:
    write(tmp_path / "scrapelint.toml", 'exclude = ["drafts/"]\n')
    draft = write(tmp_path / "drafts" / "a.md", UNDATED)
    assert reported(capsys, str(draft)) == {("a.md", "DT001")}  # named: checked
    assert reported(capsys, "--force-exclude", str(draft)) == set()


def test_the_command_line_is_a_later_layer_than_the_file(tmp_path: Path, capsys) -> None:
    # ruff's precedence: a command-line select replaces the file's selection, including its ignores;
    # a command-line extend-select adds to it; a command-line ignore removes from it.
    article = write(tmp_path / "a.md", "\n" + UNDATED)  # FM001 and DT001
    write(tmp_path / "scrapelint.toml", 'ignore = ["FM001"]\n')
    assert reported(capsys, "--select", "FM001", str(article)) == {("a.md", "FM001")}
    write(tmp_path / "scrapelint.toml", 'select = ["FM"]\nignore = ["FM001"]\n')
    assert reported(capsys, "--extend-select", "FM001", str(article)) == {("a.md", "FM001")}
    write(tmp_path / "scrapelint.toml", 'select = ["FM001", "DT001"]\n')
    assert reported(capsys, "--ignore", "FM", str(article)) == {("a.md", "DT001")}
