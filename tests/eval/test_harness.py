"""`casebook eval` on the project's own dataset: the gates of issue [2/6] hold."""

import json

from click.testing import CliRunner

from assistant.cli import main
from eval.harness import load_dataset
from tests.conftest import ROOT


def test_dataset_has_enough_list_and_aggregate_questions():
    rows = load_dataset(ROOT / "eval" / "questions.jsonl")
    assert sum(row.get("kind") in ("list", "aggregate") for row in rows) >= 25
    assert sum(row.get("kind") == "eligibility" for row in rows) >= 30
    assert len({row["id"] for row in rows}) == len(rows)


def test_eval_writes_predictions_metrics_report_and_passes_its_gate(casebook_settings, tmp_path):
    out = tmp_path / "run"
    result = CliRunner().invoke(main, ["eval", "--dataset", str(ROOT / "eval" / "questions.jsonl"), "--out", str(out), "--gate"])
    assert result.exit_code == 0, result.output
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    predictions = [json.loads(line) for line in (out / "predictions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(predictions) == metrics["questions"] and all("id" in p and "kind" in p for p in predictions)
    assert metrics["per_kind"]["list"]["precision"] >= 0.9 and metrics["per_kind"]["list"]["recall"] >= 0.9
    assert metrics["per_kind"]["aggregate"]["precision"] >= 0.9 and metrics["per_kind"]["aggregate"]["recall"] >= 0.9
    assert metrics["regions_cited"] == 1.0 and metrics["citations_resolvable"] == 1.0
    assert metrics["eligibility_accuracy"] >= 0.9 and metrics["eligibility_guessed_missing"] == 0
    assert (out / "report.md").read_text(encoding="utf-8").startswith("# casebook eval")
    assert (out / "scores.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert metrics["unanswerable_declined"] >= 0.9
    # the calibrations in the repository: chosen points in the report, curves beside it
    from assistant.passages import DENSE_SUPPORT

    report = (out / "report.md").read_text(encoding="utf-8")
    assert metrics["calibration"]["decline"]["dense_support"] == DENSE_SUPPORT
    assert "Calibration, decline" in report and "Calibration, topical lists" in report and "Calibration, attribute cards" in report
    for curve in ("decline_curve.png", "lists_curve.png", "cards_curve.png"):
        assert (out / curve).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and f"]({curve})" in report


def test_eval_rejects_a_malformed_dataset(casebook_settings, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"question": "no id"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "--dataset", str(bad), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "needs at least 'id' and 'question'" in result.output


def test_the_topical_constants_are_the_calibrated_ones():
    from assistant.answerers import topical

    chosen = json.loads((ROOT / "eval" / "calibration" / "lists_calibration.json").read_text(encoding="utf-8"))["chosen"]
    assert (topical.WEIGHT, topical.KEEP, topical.COVERAGE) == (chosen["weight"], chosen["keep"], chosen["coverage"])


def test_the_attribute_card_threshold_is_the_calibrated_one():
    from assistant.answerers.attribute_cards import CARD_SUPPORT

    chosen = json.loads((ROOT / "eval" / "calibration" / "cards_calibration.json").read_text(encoding="utf-8"))["chosen"]
    assert CARD_SUPPORT == chosen["card_support"]
