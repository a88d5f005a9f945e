"""Routing agreement counts an answer's shape, not its exact label."""

from eval.routing import confusion, format_confusion


def test_shapes_that_answer_the_same_need_agree_and_others_are_listed():
    gold = [
        {"id": "a", "kind": "fact"},
        {"id": "b", "kind": "aggregate", "must_regions": ["宗谷"]},
        {"id": "c", "kind": "fact", "sub": "unanswerable"},
        {"id": "d", "kind": "list", "must_regions": ["根室"]},
    ]
    predictions = {"a": {"kind": "open"}, "b": {"kind": "list"}, "c": {"kind": "fact"}, "d": {"kind": "list"}}
    table, misses = confusion(gold, predictions)
    assert misses == [("c", "unanswerable", "fact")]
    assert table[("aggregate of regions", "list")] == 1
    assert format_confusion(table, misses).startswith("routing agreement: 3/4 = 0.750")
