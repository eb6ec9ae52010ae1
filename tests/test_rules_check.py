"""`extract rules check`: every rules file validated by its model, its examples run,
failures named by file and line or shown as a diff."""
import os
import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from extract.cli import app
from extract.examples import all_rule_files
from extract.rulefiles import _literal_loads, check_report, check_rules, rule_models

runner = CliRunner()
# A small boilerplate rules file of the tests' own: validated by the boilerplate model, its
# examples run through the project's boilerplate component.
BOILERPLATE = r"""field: boilerplate
description: Page furniture, a small file for these tests.
line:
  - id: test.read_also
    pattern: 'baca juga\b'
  - id: test.editor
    pattern: 'editor\s*:'
tail:
  - id: test.related
    pattern: 'berita terkait\s*$'
examples:
  - text: "Isi berita.\nBaca juga: Bupati Kukar meresmikan pasar\nIsi lagi."
    expect:
      - text: "Baca juga: Bupati Kukar meresmikan pasar"
  - text: "Sumber berita ini dari Pemkot Balikpapan."
    expect: []
"""
READ_ALSO = r"    pattern: 'baca juga\b'"


def rules_dir_with(tmp_path: Path, **files: str) -> Path:
    for name, text in files.items():
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def line_of(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if fragment in line)


def test_every_rules_file_has_a_model():
    models = rule_models()
    assert {name for name in all_rule_files() if not models.get(name)} == set()


def test_loads_are_found_with_literal_and_constant_names():
    source = (
        'FIELD = "officials"\n'
        "def load():\n"
        '    a = load_rule_file("titles", TitleRules)\n'
        "    b = rules.load_rule_file(FIELD, OfficialRules, rules_dir)\n"
        "    c = load_rule_file(name, Dynamic)\n"
    )
    assert _literal_loads(source) == [("titles", "TitleRules"), ("officials", "OfficialRules")]


def test_the_fixture_file_passes(tmp_path):
    [check] = check_rules(rules_dir_with(tmp_path, boilerplate=BOILERPLATE))
    assert check.ok and check.examples == 2, check_report([check])


def test_a_missing_key_is_named_with_file_and_line(tmp_path):
    broken = BOILERPLATE.replace(READ_ALSO + "\n", "")
    assert broken != BOILERPLATE
    rules_dir = rules_dir_with(tmp_path, boilerplate=broken)
    [check] = check_rules(rules_dir)
    assert not check.ok
    line = line_of(broken, "id: test.read_also")
    assert f"{rules_dir / 'boilerplate.yaml'}:{line}: line.0.pattern: Field required" in check.error


def test_an_unknown_key_is_named_with_file_and_line(tmp_path):
    broken = BOILERPLATE.replace("  - id: test.editor\n", "  - id: test.editor\n    colour: red\n")
    assert broken != BOILERPLATE
    rules_dir = rules_dir_with(tmp_path, boilerplate=broken)
    [check] = check_rules(rules_dir)
    line = line_of(broken, "id: test.editor")
    assert f"{rules_dir / 'boilerplate.yaml'}:{line}: line.1.colour: unknown key" in check.error


def test_a_duplicate_id_is_named_with_its_line(tmp_path):
    broken = BOILERPLATE.replace("id: test.editor", "id: test.read_also")
    [check] = check_rules(rules_dir_with(tmp_path, boilerplate=broken))
    line = line_of(broken, "pattern: 'editor")
    assert f"boilerplate.yaml:{line - 1}: duplicate id 'test.read_also'" in check.error


def test_invalid_yaml_is_named_with_file_and_line(tmp_path):
    broken = BOILERPLATE.replace("tail:\n", "tail: [\n", 1)
    [check] = check_rules(rules_dir_with(tmp_path, boilerplate=broken))
    assert re.search(r"boilerplate\.yaml:\d+: not valid YAML", check.error)


def test_a_file_no_component_loads_is_reported(tmp_path):
    [check] = check_rules(rules_dir_with(tmp_path, mystery="field: regions\ndescription: x\nexamples: []\n"))
    assert "mystery.yaml: no component loads this file" in check.error


def test_a_failing_example_is_shown_as_a_diff(tmp_path):
    wrong = BOILERPLATE.replace('      - text: "Baca juga: Bupati Kukar meresmikan pasar"',
                                '      - text: "Baca juga: Bupati Kukar"')
    assert wrong != BOILERPLATE
    checks = check_rules(rules_dir_with(tmp_path, boilerplate=wrong))
    [failure] = checks[0].failures
    report = check_report(checks)
    assert "FAIL  boilerplate.yaml" in report
    assert "  - expected {'text': 'Baca juga: Bupati Kukar'}" in report
    assert "  + got      {'text': 'Baca juga: Bupati Kukar meresmikan pasar'}" in report
    assert report.endswith("1 files failing, 1 examples failing")


def test_cli_passes_on_the_project_rules():
    result = runner.invoke(app, ["rules", "check"])
    assert result.exit_code == 0, result.stdout
    assert re.search(r"\d+ rules files, \d+ examples: 0 files failing, 0 examples failing", result.stdout)


def test_cli_checks_only_the_named_files():
    result = runner.invoke(app, ["rules", "check", "boilerplate"])
    assert result.exit_code == 0, result.stdout
    assert re.fullmatch(r"ok    boilerplate\.yaml \(\d+ examples\)", result.stdout.splitlines()[0])
    assert "1 rules files" in result.stdout


def test_cli_in_another_rules_dir_exits_1_naming_file_and_line(tmp_path):
    broken = BOILERPLATE.replace(READ_ALSO, "    pattern: [baca, juga]")
    assert broken != BOILERPLATE
    rules_dir_with(tmp_path, boilerplate=broken)
    env = {**os.environ, "EXTRACT_RULES_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "extract", "rules", "check"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    line = line_of(broken, "pattern: [baca, juga]")
    assert f"{tmp_path / 'boilerplate.yaml'}:{line}: line.0.pattern: Input should be a valid string" in done.stdout
    assert done.stdout.splitlines()[-1] == "1 rules files, 0 examples: 1 files failing, 0 examples failing"
