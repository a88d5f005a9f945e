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
    for title in ("decline", "topical lists", "attribute cards", "hybrid fusion"):
        assert f"Calibration, {title}" in report
    for curve in ("decline_curve.png", "lists_curve.png", "cards_curve.png", "fusion_curve.png"):
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


def test_the_field_margin_is_the_calibrated_one_and_beats_the_label_nouns_alone():
    from assistant.project_fields import FIELD_MARGIN, TAIL_WEIGHT

    chosen = json.loads((ROOT / "eval" / "calibration" / "fields_calibration.json").read_text(encoding="utf-8"))["chosen"]
    assert (FIELD_MARGIN, TAIL_WEIGHT) == (chosen["field_margin"], chosen["tail_weight"])
    assert chosen["report_score"] > chosen["labels_only_report"]


def test_the_fusion_defaults_are_the_calibrated_ones():
    from core.config import Settings
    from index.store import Fusion

    chosen = json.loads((ROOT / "eval" / "calibration" / "fusion_calibration.json").read_text(encoding="utf-8"))["chosen"]
    settings = Settings()
    assert (settings.dense_weight, settings.rrf_k) == (chosen["dense_weight"], chosen["rrf_k"])
    assert (Fusion().dense_weight, Fusion().k) == (chosen["dense_weight"], chosen["rrf_k"])
    assert chosen["report_score"] >= chosen["lexical_only_report"] and chosen["report_score"] >= chosen["dense_only_report"]
    assert Fusion().sentence_weight == chosen["sentences"]["sentence_weight"]  # the passages' ranking by best sentence


def test_the_fusion_choice_is_among_fused_points_even_when_one_list_alone_scores_best():
    from eval.calibrate_fusion import DENSE_ONLY, choose

    fused = {"1.0/5": 0.6, "2.0/5": 0.8, "3.0/5": 0.8, "4.0/5": 0.6, "1.0/10": 0.5, "2.0/10": 0.5, "3.0/10": 0.5, "4.0/10": 0.5}
    choose_side = {"0.0/5": 0.99, "0.0/10": 0.99, DENSE_ONLY: 0.99, **fused}
    report_side = dict.fromkeys(choose_side, 0.5)
    chosen = choose({"choose": choose_side, "report": report_side, "paraphrases": dict.fromkeys(choose_side, 1.0)})
    assert (chosen["dense_weight"], chosen["rrf_k"]) == (3.0, 5)
