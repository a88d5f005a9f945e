"""How the peer benchmark scores passages: the same rules for every system."""

from eval.peers import BenchQuestion, Passage, SourceText, evidence_in, region_scores, score_system


def _list_question(**fields) -> BenchQuestion:
    return BenchQuestion.from_row({"id": "t1", "kind": "list", "question": "どこ？", **fields})


def test_short_gold_names_match_full_region_names():
    question = _list_question(must_regions=["宗谷", "根室"], may_regions=["石狩"])
    recall, precision = region_scores(question, {"宗谷地域", "石狩地域", "釧路地域"})
    assert recall == 0.5
    assert precision == 2 / 3


def test_no_region_found_scores_zero_precision():
    assert region_scores(_list_question(must_regions=["宗谷"]), set()) == (0.0, 0.0)


def test_evidence_is_found_across_width_and_spacing():
    question = BenchQuestion.from_row({"id": "t2", "kind": "fact", "question": "いつ？", "evidence": "協定締結 令和 ３年"})
    assert evidence_in(question, [Passage("……協定締結令和3年1月に……", frozenset())]) == 1.0
    assert evidence_in(question, [Passage("協定の締結は翌年", frozenset())]) == 0.0


def test_unanswerable_questions_stay_out_of_answer_in_context():
    rows = [
        {"id": "a", "kind": "fact", "question": "q1", "evidence": "甲"},
        {"id": "b", "kind": "fact", "question": "q2", "evidence": "乙", "sub": "unanswerable"},
    ]
    questions = [BenchQuestion.from_row(row) for row in rows]
    scores = score_system("echo", lambda q: [Passage("甲乙", frozenset())] if q == "q1" else [], questions, None)
    assert scores.answer_in_context == 1.0 and scores.misses == []


def test_a_peer_passage_counts_for_every_region_it_overlaps():
    source = SourceText("doc", "x" * 100, ((0, 40, "宗谷地域"), (40, 100, "根室地域")))
    assert source.regions_between(30, 50) == {"宗谷地域", "根室地域"}
    assert source.regions_between(50, 90) == {"根室地域"}
