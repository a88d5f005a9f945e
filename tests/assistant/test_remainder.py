"""The part of a question its record values do not answer (real fugashi). Questions are
written for these tests."""

from assistant.understand.remainder import asks_something, rest_of_question


def test_a_part_joined_by_to_keeps_what_the_answered_part_said_before_its_attribute():
    assert rest_of_question("日高の令和4年度の交付額と取組の中身を教えて", ("grant",)) == ("日高の令和4年度の", "取組の中身を教えて")


def test_a_clause_after_a_comma_is_a_part_of_its_own():
    assert rest_of_question("後志は交付金を毎年いくら受けていて、成果はどうでしたか", ("grant",)) == ("後志は", "成果はどうでしたか")


def test_every_part_about_the_values_answered_leaves_nothing():
    assert rest_of_question("根室の面積と人口は", ("area", "population")) is None
    assert rest_of_question("釧路の市町村数はいくつで、中心市の名前は", ("member_count", "secretariat")) is None


def test_a_part_that_only_names_places_or_numbers_asks_nothing_more():
    assert not asks_something("9市町で")
    assert not asks_something("遠軽・佐呂間・湧別のうちどこ")
    assert asks_something("取組の中身を教えて")


def test_a_part_that_only_names_the_region_adds_nothing_to_its_record(assistant):
    """A guard: the first version of the rest appended a project to such a question."""
    answer = assistant.ask("南空知9市町で、事務局をしているのはどこ")
    assert answer.answer.count("\n") == 0 and "岩見沢市" in answer.answer


def test_a_record_value_and_a_projects_year_asked_together_are_both_answered(assistant):
    """Before: the grant alone; the year's work was dropped."""
    answer = assistant.ask("遠軽の令和3年度の交付額と事業の内容を教えて")
    assert "10,000千円" in answer.answer
    assert "マイナビDOCTOR" in answer.answer  # a line of its 令和3年度 事業概要
