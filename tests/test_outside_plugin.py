"""An outside rule pack, installed for real: tests/plugin_example is pip-installed into a temporary folder
and the ``scrapelint`` command, run in a subprocess with that folder on PYTHONPATH, finds it through its
entry point exactly as it would find any plugin installed next to it.

Nothing is installed into the project's virtual environment (the other tests would see the plugin), and
the package is built from a copy so that setuptools leaves no build/ or *.egg-info in the repository.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

EXAMPLE_SOURCE = Path(__file__).parent / "plugin_example"
IGNORED_WHEN_COPYING = shutil.ignore_patterns("__pycache__", "build", "*.egg-info", "dist")

# A plugin whose module fails to import: the run must report it, skip it and go on.
BROKEN_PYPROJECT = """\
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "scrapelint-plugin-broken"
version = "0.1.0"

[project.entry-points.scrapelint]
broken = "scrapelint_broken"

[tool.setuptools]
packages = ["scrapelint_broken"]
"""
BROKEN_MODULE = 'raise ImportError("scrapelint_broken needs a module that is not installed")\n'

CLEAN_ARTICLE = "---\ntitle: 'A clean article'\ndate: 2021-03-04 10:00:00 +0000\n---\nNothing to see here.\n"


def pip_install(source: Path, target: Path, work: Path) -> None:
    """``pip install --no-deps --target`` a copy of ``source``.

    Without build isolation first (offline, with the setuptools of this environment); when this
    environment cannot build wheels that way (setuptools before 70.1 needs the ``wheel`` package),
    with build isolation.
    """
    errors = []
    for flags in (["--no-build-isolation"], []):
        copy = work / f"{source.name}-copy{len(errors)}"
        shutil.copytree(source, copy, ignore=IGNORED_WHEN_COPYING)
        command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", *flags, "--target", str(target)]
        result = subprocess.run([*command, str(copy)], capture_output=True, text=True, cwd=work)
        if result.returncode == 0:
            return
        shutil.rmtree(target, ignore_errors=True)
        errors.append(f"$ {' '.join(command)} {copy}\n{result.stdout}{result.stderr}")
    raise AssertionError("pip could not install the plugin:\n" + "\n".join(errors))


def scrapelint(*args: str, cwd: Path, pythonpath: list[Path] | None = None, **env: str):
    """Run the scrapelint CLI in a fresh process; plugins are found on ``pythonpath`` only."""
    environment = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "FORCE_COLOR")}
    environment.pop("SCRAPELINT_DISABLE_PLUGINS", None)
    environment["NO_COLOR"] = "1"
    environment["PYTHONIOENCODING"] = "utf-8"
    if pythonpath:
        environment["PYTHONPATH"] = os.pathsep.join(str(path) for path in pythonpath)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "scrapelint", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=environment,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding scrapelint-plugin-example as pip installs it: the package and its dist-info."""
    work = tmp_path_factory.mktemp("example-install")
    target = work / "site"
    pip_install(EXAMPLE_SOURCE, target, work)
    return target


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_the_example_source_tree_stays_clean(site: Path) -> None:
    # After the install: building from a copy left nothing behind.
    leftovers = [p.name for p in EXAMPLE_SOURCE.iterdir() if p.name == "build" or p.name.endswith(".egg-info")]
    assert leftovers == []


def test_install_holds_the_package_and_its_entry_point(site: Path) -> None:
    assert (site / "scrapelint_example" / "placeholder.py").is_file()
    entry_points = (site / "scrapelint_plugin_example-0.1.0.dist-info" / "entry_points.txt").read_text()
    assert entry_points.split() == ["[scrapelint]", "example", "=", "scrapelint_example"]


def test_rules_lists_the_plugin_rule_with_its_pack(site: Path, tmp_path: Path) -> None:
    result = scrapelint("rules", cwd=tmp_path, pythonpath=[site])
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    rows = [line for line in result.stdout.splitlines() if "EX001" in line]
    assert len(rows) == 1
    cells = [cell.strip() for cell in rows[0].strip("│ ").split("│")]
    assert cells == [
        "EX001",
        "lorem-ipsum-placeholder",
        "example",
        "safe",
        "on",
        "Lorem ipsum placeholder text in the article",
    ]
    # The built-in packs are still there.
    assert "FM001" in result.stdout and "DT001" in result.stdout


def test_rules_without_the_plugin_does_not_list_it(tmp_path: Path) -> None:
    result = scrapelint("rules", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "EX001" not in result.stdout and "lorem-ipsum-placeholder" not in result.stdout


def test_rule_shows_the_plugin_rule_documentation(site: Path, tmp_path: Path) -> None:
    result = scrapelint("rule", "lorem-ipsum-placeholder", cwd=tmp_path, pythonpath=[site])
    assert result.returncode == 0, result.stderr
    for text in ("EX001 lorem-ipsum-placeholder", "Pack: example", "What it does", "Why is this bad?", "Options"):
        assert text in result.stdout


PLACEHOLDER_ARTICLE = (
    "---\n"
    "title: 'Quarterly results'\n"
    "---\n"
    "Lorem ipsum dolor sit amet.\n"  # row 4: a filler line, fixable
    "Revenue rose 4%, says the café's Lorem Ipsum report.\n"  # row 5: other words, no fix
)


def test_select_reports_the_finding_with_exact_place(site: Path, tmp_path: Path) -> None:
    article = write(tmp_path, "article.md", PLACEHOLDER_ARTICLE)
    result = scrapelint(
        "check", "--select", "EX001", "--output-format", "json", "article.md", cwd=tmp_path, pythonpath=[site]
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    findings = json.loads(result.stdout)
    assert [(f["code"], f["name"], f["location"], f["end_location"], f["message"], f["data"]) for f in findings] == [
        (
            "EX001",
            "lorem-ipsum-placeholder",
            {"row": 4, "column": 1},
            {"row": 4, "column": 12},
            "Placeholder text 'Lorem ipsum'",
            {"placeholder": "Lorem ipsum"},
        ),
        (
            "EX001",
            "lorem-ipsum-placeholder",
            {"row": 5, "column": 34},
            {"row": 5, "column": 45},
            "Placeholder text 'Lorem Ipsum'",
            {"placeholder": "Lorem Ipsum"},
        ),
    ]
    assert findings[0]["filename"] == str(article.resolve())
    assert findings[0]["fix"] == {
        "applicability": "safe",
        "message": "Delete the placeholder line",
        "encoding": None,
        "edits": [{"content": "", "location": {"row": 4, "column": 1}, "end_location": {"row": 5, "column": 1}}],
    }
    assert findings[1]["fix"] is None


def test_default_selection_includes_the_plugin_rule(site: Path, tmp_path: Path) -> None:
    write(tmp_path, "article.md", PLACEHOLDER_ARTICLE)
    result = scrapelint("check", "--output-format", "concise", "article.md", cwd=tmp_path, pythonpath=[site])
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert "article.md:4:1: EX001 Placeholder text 'Lorem ipsum'" in lines
    assert "article.md:5:34: EX001 Placeholder text 'Lorem Ipsum'" in lines


@pytest.mark.parametrize("selector", ["FM001", "FM", "date-missing"])
def test_selecting_other_rules_does_not_report_it(site: Path, tmp_path: Path, selector: str) -> None:
    write(tmp_path, "article.md", PLACEHOLDER_ARTICLE.replace("---\n", "---\ndate: 2021-03-04\n", 1))
    result = scrapelint(
        "check", "--select", selector, "--output-format", "json", "article.md", cwd=tmp_path, pythonpath=[site]
    )
    assert (result.returncode, result.stderr, json.loads(result.stdout)) == (0, "", [])


@pytest.mark.parametrize(
    ("select", "ignore"), [("EX001", "EX001"), ("EX001", "lorem-ipsum-placeholder"), ("EX", "EX001"), ("ALL", "EX")]
)
def test_ignore_turns_it_off(site: Path, tmp_path: Path, select: str, ignore: str) -> None:
    write(tmp_path, "article.md", PLACEHOLDER_ARTICLE.replace("---\n", "---\ndate: 2021-03-04\n", 1))
    result = scrapelint(
        "check", "--select", select, "--ignore", ignore, "--output-format", "json", "article.md",
        cwd=tmp_path, pythonpath=[site],
    )  # fmt: skip
    assert (result.returncode, result.stderr, json.loads(result.stdout)) == (0, "", [])


def test_selecting_it_without_the_plugin_is_a_usage_error(tmp_path: Path) -> None:
    write(tmp_path, "article.md", PLACEHOLDER_ARTICLE)
    result = scrapelint("check", "--select", "EX001", "article.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "scrapelint: error: command line: '--select' names unknown rule or prefix 'EX001'\n"


def test_disabling_the_plugin_by_entry_point_name(site: Path, tmp_path: Path) -> None:
    write(tmp_path, "article.md", PLACEHOLDER_ARTICLE)
    result = scrapelint(
        "check",
        "--select",
        "EX001",
        "article.md",
        cwd=tmp_path,
        pythonpath=[site],
        SCRAPELINT_DISABLE_PLUGINS="example",
    )
    assert result.returncode == 2
    assert result.stderr == "scrapelint: error: command line: '--select' names unknown rule or prefix 'EX001'\n"


@pytest.mark.parametrize("selector", ["EX001", "lorem-ipsum-placeholder"])
def test_inline_comment_suppresses_the_next_line(site: Path, tmp_path: Path, selector: str) -> None:
    write(
        tmp_path,
        "article.md",
        f"<!-- scrapelint: disable-next-line={selector} -->\n"
        "Lorem ipsum dolor sit amet.\n"  # row 2: suppressed
        "Lorem ipsum, once more.\n",  # row 3: the comment does not reach it
    )
    result = scrapelint(
        "check", "--select", "EX001", "--output-format", "json", "article.md", cwd=tmp_path, pythonpath=[site]
    )
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)
    assert [(f["code"], f["location"], f["end_location"]) for f in findings] == [
        ("EX001", {"row": 3, "column": 1}, {"row": 3, "column": 12})
    ]


def test_inline_comment_for_another_rule_does_not_suppress_it(site: Path, tmp_path: Path) -> None:
    write(tmp_path, "article.md", "<!-- scrapelint: disable-next-line=FM001 -->\nLorem ipsum dolor sit amet.\n")
    result = scrapelint(
        "check", "--select", "EX001", "--output-format", "json", "article.md", cwd=tmp_path, pythonpath=[site]
    )
    assert result.returncode == 1, result.stderr
    assert [f["location"] for f in json.loads(result.stdout)] == [{"row": 2, "column": 1}]


def test_fix_rewrites_only_the_placeholder_lines(site: Path, tmp_path: Path) -> None:
    before = (
        "---\r\n"
        "title: 'Quarterly results'\r\n"
        "---\r\n"
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\r\n"
        "Revenue rose 4% — the café stayed open.\r\n"
        "\r\n"
        "lorem ipsum.\r\n"
        "End."
    ).encode()
    after = "---\r\ntitle: 'Quarterly results'\r\n---\r\nRevenue rose 4% — the café stayed open.\r\n\r\nEnd.".encode()
    article = tmp_path / "article.md"
    article.write_bytes(before)

    result = scrapelint("check", "--fix", "--select", "EX001", "article.md", cwd=tmp_path, pythonpath=[site])
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert result.stderr == ""
    assert article.read_bytes() == after

    again = scrapelint("check", "--fix", "--select", "EX001", "article.md", cwd=tmp_path, pythonpath=[site])
    assert again.returncode == 0, (again.stdout, again.stderr)
    assert article.read_bytes() == after


def test_diff_shows_the_fix_and_writes_nothing(site: Path, tmp_path: Path) -> None:
    article = write(tmp_path, "article.md", PLACEHOLDER_ARTICLE)
    result = scrapelint("check", "--diff", "--select", "EX001", "article.md", cwd=tmp_path, pythonpath=[site])
    assert result.returncode == 1, result.stderr
    assert result.stdout == (
        "--- article.md\n+++ article.md\n@@ -1,5 +1,4 @@\n ---\n title: 'Quarterly results'\n ---\n"
        "-Lorem ipsum dolor sit amet.\n Revenue rose 4%, says the café's Lorem Ipsum report.\n"
    )
    assert article.read_bytes() == PLACEHOLDER_ARTICLE.encode()


def test_the_example_fixture_cases(site: Path, tmp_path: Path) -> None:
    """tests/plugin_example/fixtures/EX001.yml, in the built-in fixture format, against the installed plugin."""
    spec = yaml.safe_load((EXAMPLE_SOURCE / "fixtures" / "EX001.yml").read_text(encoding="utf-8"))
    cases = {f"{index:02}-{case['name']}.md": case for index, case in enumerate(spec["cases"])}
    for name, case in cases.items():
        write(tmp_path, name, case["input"])

    def findings_by_file() -> dict[str, list[dict]]:
        result = scrapelint(
            "check", "--select", spec["rule"], "--output-format", "json", ".", cwd=tmp_path, pythonpath=[site]
        )
        assert result.returncode in (0, 1) and result.stderr == "", result.stderr
        found: dict[str, list[dict]] = {name: [] for name in cases}
        for finding in json.loads(result.stdout):
            found[Path(finding["filename"]).name].append(finding)
        return found

    def summary(finding: dict) -> dict:
        start, end = finding["location"], finding["end_location"]
        return {"code": finding["code"], "line": start["row"], "column": start["column"],
                "end_line": end["row"], "end_column": end["column"], "message": finding["message"]}  # fmt: skip

    for name, found in findings_by_file().items():
        expected = cases[name].get("findings", [])
        assert len(found) == len(expected), (name, [summary(f) for f in found])
        for finding, wanted in zip(found, expected, strict=True):
            got = summary(finding)
            assert all(got[key] == value for key, value in wanted.items() if key != "message"), (name, got, wanted)
            assert wanted.get("message", "") in got["message"], (name, got, wanted)

    for _ in range(2):  # fixing twice changes nothing more
        result = scrapelint("check", "--fix", "--select", spec["rule"], ".", cwd=tmp_path, pythonpath=[site])
        assert result.stderr == ""
        for name, case in cases.items():
            assert (tmp_path / name).read_bytes() == case.get("fixed", case["input"]).encode(), name
    for name, found in findings_by_file().items():
        if "fixed" in cases[name]:
            assert [summary(f) for f in found] == cases[name].get("remaining", []), name


DOCS = Path(__file__).parents[1] / "docs" / "plugins.md"


def test_the_guide_shows_the_example_as_it_is() -> None:
    guide = DOCS.read_text(encoding="utf-8")
    for name in ("pyproject.toml", "scrapelint_example/__init__.py", "scrapelint_example/placeholder.py"):
        source = (EXAMPLE_SOURCE / name).read_text(encoding="utf-8")
        assert f"\n{source.rstrip()}\n```\n" in guide, f"docs/plugins.md does not show {name} as it is"


def test_the_guide_harness_runs_the_example_fixtures(site: Path, tmp_path: Path) -> None:
    """The fixture harness docs/plugins.md gives plugin authors, run on the installed example."""
    guide = DOCS.read_text(encoding="utf-8")
    harness = guide.split("**A harness.**", 1)[1].split("```python\n", 1)[1].split("```\n", 1)[0]
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_rules.py").write_text(harness, encoding="utf-8")
    shutil.copytree(EXAMPLE_SOURCE / "fixtures", tmp_path / "tests" / "fixtures")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    environment = {key: value for key, value in os.environ.items() if key not in ("PYTEST_ADDOPTS", "PYTHONPATH")}
    environment["PYTHONPATH"] = str(site)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
    )
    cases = len(yaml.safe_load((EXAMPLE_SOURCE / "fixtures" / "EX001.yml").read_text(encoding="utf-8"))["cases"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{cases + 1} passed" in result.stdout


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("broken-install")
    source = work / "scrapelint-plugin-broken"
    (source / "scrapelint_broken").mkdir(parents=True)
    (source / "pyproject.toml").write_text(BROKEN_PYPROJECT)
    (source / "scrapelint_broken" / "__init__.py").write_text(BROKEN_MODULE)
    target = work / "site"
    pip_install(source, target, work)
    return target


BROKEN_WARNING = (
    "scrapelint: warning: plugin 'broken' failed to load and was skipped: "
    "ImportError: scrapelint_broken needs a module that is not installed\n"
)


def test_a_plugin_that_fails_to_import_is_reported_and_skipped(broken_site: Path, site: Path, tmp_path: Path) -> None:
    write(tmp_path, "clean.md", CLEAN_ARTICLE)
    result = scrapelint("check", "clean.md", cwd=tmp_path, pythonpath=[broken_site, site])
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert result.stderr == BROKEN_WARNING

    # The other plugins still load: the example's rule is there and works.
    write(tmp_path, "article.md", PLACEHOLDER_ARTICLE)
    result = scrapelint(
        "check", "--select", "EX001", "--output-format", "concise", "article.md",
        cwd=tmp_path, pythonpath=[broken_site, site],
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr == BROKEN_WARNING
    assert result.stdout.splitlines()[:2] == [
        "article.md:4:1: EX001 Placeholder text 'Lorem ipsum'",
        "article.md:5:34: EX001 Placeholder text 'Lorem Ipsum'",
    ]


def test_a_broken_plugin_can_be_disabled(broken_site: Path, tmp_path: Path) -> None:
    write(tmp_path, "clean.md", CLEAN_ARTICLE)
    result = scrapelint(
        "check", "clean.md", cwd=tmp_path, pythonpath=[broken_site], SCRAPELINT_DISABLE_PLUGINS="broken, example"
    )
    assert (result.returncode, result.stderr) == (0, "")


# A plugin that claims what the built-in packs own: a rule code and an output format. Its entry point
# sorts before every built-in one ("aaa"), yet the built-ins must win and it must be the one refused.
GREEDY_MODULE = '''\
from scrapelint import hookimpl
from scrapelint.rules import Rule


class Impostor(Rule):
    """Claims a built-in code."""

    code = "FM001"
    name = "impostor"
    summary = "claims FM001"

    def check(self, doc):
        return []


@hookimpl
def scrapelint_rules():
    return [Impostor]
'''
GREEDY_REPORTER_MODULE = """\
from scrapelint import hookimpl
from scrapelint.reporters.base import Reporter


@hookimpl
def scrapelint_reporters():
    return {"json": Reporter}
"""
MISSPELT_MODULE = """\
from scrapelint import hookimpl


@hookimpl
def scrapelint_rule():
    return []
"""


def build_plugin(work: Path, entry_point: str, module: str) -> Path:
    source = work / f"scrapelint-plugin-{entry_point}"
    (source / f"scrapelint_{entry_point}").mkdir(parents=True)
    (source / "pyproject.toml").write_text(BROKEN_PYPROJECT.replace("broken", entry_point), encoding="utf-8")
    (source / f"scrapelint_{entry_point}" / "__init__.py").write_text(module, encoding="utf-8")
    target = work / f"site-{entry_point}"
    pip_install(source, target, work)
    return target


@pytest.fixture(scope="module")
def greedy_sites(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    work = tmp_path_factory.mktemp("greedy-install")
    return [
        build_plugin(work, "aaa", GREEDY_MODULE),
        build_plugin(work, "aab", GREEDY_REPORTER_MODULE),
        build_plugin(work, "aac", MISSPELT_MODULE),
    ]


def test_plugins_cannot_take_over_built_in_codes_or_formats(greedy_sites: list[Path], tmp_path: Path) -> None:
    write(tmp_path, "a.md", "\n---\ntitle: x\ndate: 2021-01-01\n---\n")
    result = scrapelint("check", "--output-format", "json", "a.md", cwd=tmp_path, pythonpath=greedy_sites)
    assert result.returncode == 1, result.stderr
    # The built-in FM001 and the built-in json format are the ones in force.
    assert [(f["code"], f["name"]) for f in json.loads(result.stdout)] == [("FM001", "front-matter-not-at-start")]
    warnings = result.stderr.splitlines()
    assert warnings[0] == (
        "scrapelint: warning: plugin 'aaa' failed to load and was skipped: "
        "RuleDefinitionError: FM001 is claimed by both frontmatter and aaa"
    )
    assert warnings[1] == (
        "scrapelint: warning: plugin 'aab' failed to load and was skipped: "
        "RuleDefinitionError: output format 'json' is already defined by scrapelint.reporters"
    )
    assert warnings[2].startswith("scrapelint: warning: plugin 'aac' failed to load and was skipped: ")
    assert "unknown hook 'scrapelint_rule'" in warnings[2]
    assert len(warnings) == 3
