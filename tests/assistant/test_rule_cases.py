"""Every case of eval/rule_cases.yaml, run through the rule checker."""

import pytest
import yaml

from assistant.rules import check, facts_from_dict
from assistant.rules.facts import RuleInputError
from tests.conftest import ROOT

CASES = yaml.safe_load((ROOT / "eval" / "rule_cases.yaml").read_text(encoding="utf-8"))


def test_the_table_covers_every_rule_and_has_enough_cases():
    from assistant.rules.catalogue import RULES

    assert len(CASES) >= 60
    for rule in RULES:
        assert any(rule.id in case.get("output", {}).get("failed", []) for case in CASES), f"no failing case for {rule.id}"


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_case(case):
    if "error" in case:
        with pytest.raises(RuleInputError, match=case["error"].replace("(", r"\(").replace(")", r"\)")):
            facts_from_dict(case["input"])
        return
    verdict = check(facts_from_dict(case["input"]))
    expected = case["output"]
    assert verdict.verdict == expected["verdict"]
    if "grant_yen" in expected:
        assert verdict.grant_yen == expected["grant_yen"]
    if "failed" in expected:
        failed = {f.rule for f in verdict.findings if f.status == "fail" and f.rule in verdict.deciding}
        assert failed == set(expected["failed"])
    for rule in expected.get("passed", []):
        assert next(f for f in verdict.findings if f.rule == rule).status == "pass"
    for fact in expected.get("missing", []):
        assert fact in [name for name, _ in verdict.missing]
    if verdict.verdict == "needs_info":
        assert verdict.missing and all(question for _, question in verdict.missing)
