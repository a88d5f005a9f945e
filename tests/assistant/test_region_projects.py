"""What a region does, asked of the region as a whole: every project of it, by name, with its
事業概要 lines cited — and the passages' answer whenever the question names something narrower."""

from __future__ import annotations

import pytest

from assistant.understand.numbers import japanese_fiscal_year

OVERVIEW = "の連携事業は"


def _region(assistant, projects: int):
    return next(r for r in assistant.facts.regions if len(r.projects) == projects)


def _short(region) -> str:
    return region.name[:2]


def _assert_quotes_are_the_booklet(assistant, answer):
    for citation in answer.citations:
        assert assistant.facts.documents[citation.doc][citation.start : citation.end] == citation.quote


def test_a_region_with_several_projects_is_answered_with_each_of_them(assistant):
    """Before: the one project nearest the question (a year's cell of it), the others unsaid."""
    region = _region(assistant, projects=3)
    answer = assistant.ask(f"{_short(region)}の連携ではどういったことをしてきましたか")
    assert answer.kind == "fact" and answer.regions == [region.name]
    assert answer.answer.startswith(f"{region.name}{OVERVIEW}3件です")
    for number, project in enumerate(region.projects, start=1):
        assert f"{number}．{project.name}（" in answer.answer
    cited_projects = {citation.project for citation in answer.citations}
    assert {project.name for project in region.projects} <= cited_projects
    _assert_quotes_are_the_booklet(assistant, answer)


def test_a_project_heading_gives_the_years_it_was_carried_out_and_what_is_still_undecided(assistant):
    region = next(
        r for r in assistant.facts.regions if len(r.projects) > 1 and any(a.status == "検討中" for p in r.projects for a in p.activities)
    )
    answer = assistant.ask(f"{_short(region)}ではどんな取り組みをやっているの？")
    project = next(p for p in region.projects if any(a.status == "検討中" for a in p.activities))
    undecided = next(a for a in project.activities if a.status == "検討中")
    assert f"{japanese_fiscal_year(undecided.year)}は検討中" in answer.answer


def test_the_grant_word_does_not_narrow_a_one_project_region_to_the_grant_table(assistant):
    """Before: the grant table's header, 「交付額(千円) 交付金活用見込額(千円)」, quoted alone."""
    region = next(r for r in assistant.facts.regions if len(r.projects) == 1 and r.grants)
    project = region.projects[0]
    answer = assistant.ask(f"{_short(region)}は交付金でなにをやったんですか")
    assert answer.answer.startswith(f"{region.name}{OVERVIEW}1件です")
    assert project.name in answer.answer and "交付額(千円)" not in answer.answer
    done = [a for a in project.activities if a.status == "実施"]
    assert f"（{japanese_fiscal_year(done[0].year)}" in answer.answer
    _assert_quotes_are_the_booklet(assistant, answer)


def test_a_word_that_names_one_of_the_projects_answers_with_that_project_whole(assistant):
    """Before: a sentence of the overview that mentions the word, not the project's lines."""
    region = _region(assistant, projects=4)
    project = next(p for p in region.projects if "交通" in p.name)
    answer = assistant.ask(f"{region.name}は交通でどんなことをしてきた")
    assert answer.answer.startswith(f"{region.name}の連携事業のうち、お尋ねの内容に当たるのは次の1件です")
    assert f"1．{project.name}（" in answer.answer
    assert {citation.project for citation in answer.citations} == {project.name}
    done = [a for a in project.activities if a.status == "実施"]
    assert all(f"（{japanese_fiscal_year(a.year)}）" in answer.answer for a in done)
    _assert_quotes_are_the_booklet(assistant, answer)


@pytest.mark.parametrize(
    "wording",
    [
        "日高はバスについてはどんなことを？",  # one of the region's three projects
        "遠軽で病院の医師は増えたの",  # one outcome of the region's one project
        "日高では雪まつりで何をしている",  # a word the casebook never says
        "遠軽の医療の事業で困ったのはどんなことだった",  # what was hard, in a verb its pages never say
    ],
)
def test_a_question_narrower_than_the_region_is_left_to_the_passages(assistant, wording):
    answer = assistant.ask(wording)
    assert OVERVIEW not in answer.answer


def test_the_names_of_a_regions_projects_are_answered_from_their_name_lines(assistant):
    """Before: declined — no passage holds 名称, and the name question went to the passages."""
    region = _region(assistant, projects=2)
    answer = assistant.ask(f"{region.name}の取り組みの名称を知りたい")
    assert answer.answer.split("\n")[0] == f"{region.name}の連携事業は2件です（事例集の事業名）。"
    for number, project in enumerate(region.projects, start=1):
        assert f"{number}．{project.name}（" in answer.answer
    assert [citation.quote for citation in answer.citations] == [f"事業名 {project.name}" for project in region.projects]
    assert "（令和" in answer.answer and "・" not in answer.answer  # the years, no 事業概要 lines


def test_a_name_of_something_in_a_project_is_not_the_projects_name(assistant):
    region = _region(assistant, projects=2)
    answer = assistant.ask(f"{region.name}の勉強会の講師の名前は")
    assert "（事例集の事業名）" not in answer.answer


def test_a_regions_towns_asked_by_name_are_its_members_not_its_projects(assistant):
    """「…の七町の名前」 asks the towns (before: the region's project names answered)."""
    answer = assistant.ask("日高の七町の名前を教えてもらえますか")
    assert "えりも町" in answer.answer and "連携事業" not in answer.answer


def _carried_out(project, year: str) -> bool:
    return any(a.year == year and a.status == "実施" for a in project.activities)


def test_a_region_asked_of_one_year_is_answered_with_every_project_carried_out_that_year(assistant):
    """Before: the one project nearest the question, its year's lines (「…の令和4年度の事業概要」),
    the others carried out that year unsaid."""
    region, year = next((r, y) for r in assistant.facts.regions for y in ("R4", "R5") if sum(_carried_out(p, y) for p in r.projects) >= 2)
    done = [p for p in region.projects if _carried_out(p, year)]
    answer = assistant.ask(f"{region.name}は{japanese_fiscal_year(year)}にどんなことをしたの")
    assert answer.kind == "fact" and answer.regions == [region.name]
    assert answer.answer.startswith(f"{region.name}が{japanese_fiscal_year(year)}に実施した連携事業は{len(done)}件です")
    for number, project in enumerate(done, start=1):
        assert f"{number}．{project.name}（{japanese_fiscal_year(year)}）" in answer.answer
    # the lines quoted are that year's cells
    cells = [a.span for p in done for a in p.activities if a.year == year and a.span]
    assert answer.citations and all(any(s.start <= c.start and c.end <= s.end for s in cells) for c in answer.citations)
    _assert_quotes_are_the_booklet(assistant, answer)
    # asked for their names, the names of that year's projects
    names = assistant.ask(f"{japanese_fiscal_year(year)}に{region.name}が行った事業の名称を教えて")
    assert [line.split("．")[1].split("（")[0] for line in names.answer.splitlines()[1:] if "．" in line] == [p.name for p in done]


def test_a_project_whose_year_reads_the_same_as_another_shows_what_that_year_did(assistant):
    """Among several projects of a year, a cell that reads 「R5に同じ」 is answered with the
    lines it points to, not the pointer (before: the passages' one project of that year)."""
    region, project, activity = next(
        (r, p, a) for r in assistant.facts.regions for p in r.projects for a in p.activities if (a.status or "").endswith("に同じ")
    )
    year = activity.year
    assert sum(_carried_out(p, year) or p is project for p in region.projects) >= 2
    answer = assistant.ask(f"{region.name}は{japanese_fiscal_year(year)}にどんなことをしたの")
    part = answer.answer.split(f"．{project.name}（")[1]
    assert part.split("\n")[1].startswith("（令和") and "の内容）" in part.split("\n")[1]
    assert "に同じ" not in answer.answer


def test_the_exact_name_of_a_body_is_that_bodys_name_not_the_projects(assistant):
    """Before: 「…協議会の正しい名前」 listed the region's project names (正しい between の and
    名前 hid the body named), and 「正式な名前」 was declined (正式, a passage's word to hold)."""
    lines = assistant.facts.documents["kouiki-renkei-jireishu"].splitlines()
    body = next(line.split("実施団体名")[1].strip() for line in lines if "協議会" in line and "実施団体名" in line)
    for wording in ("日高で事業をしている協議会の正しい名前を教えてください", "日高の事業を実施している協議会の正式な名前は何ですか"):
        answer = assistant.ask(wording)
        assert "（事例集の事業名）" not in answer.answer and body in answer.answer, wording


def test_how_two_named_regions_differ_is_answered_with_each_ones_projects(assistant):
    """「違い」 of two regions' work names no narrower thing: each region's projects side by
    side (before: declined, 違い read as a thing their pages never say)."""
    answer = assistant.ask("後志と留萌中北部の取組の違いを知りたい")
    assert answer.kind == "fact"
    assert answer.regions == ["後志17町村連携地域", "留萌中北部5町村連携地域"]
    assert "新規採用職員研修" in answer.answer and "行政職員交流事業" in answer.answer
