"""Every example in every rules file: the examples are the tests."""
import pytest

from extract.examples import all_rule_files, check_examples


@pytest.mark.parametrize("rules_file", all_rule_files())
def test_rule_file_examples(rules_file):
    failures = check_examples(rules_file)
    assert not failures, "\n".join(f.describe() for f in failures)
