"""The question reader: numerals in any script, eras, quantities with comparators, and
plans that stay the same however a request is worded. Questions are written for these
tests (never copied from an eval set)."""

import re
from datetime import date

import pytest

from assistant.answerers.aggregates import AggregateAnswerer
from assistant.understand.answer_type import expected, holds, topic_asked, topic_owners, value_in
from assistant.understand.numbers import (
    WrittenDate,
    amounts_yen,
    fiscal_label,
    in_fiscal_year,
    japanese_fiscal_year,
    states_numbers,
    western_year,
    with_digits,
    without_dates,
    written_dates,
    yen_text,
)
from assistant.understand.parse import REGION_COUNTERS, acts_on_regions, fiscal_years, parse
from assistant.understand.plan import build_plan
from assistant.understand.vocabulary import Vocabulary
from index.tokenize import question_words
from ingest.japanese import japanese_date
from tests.assistant.test_question import facts  # noqa: F401  (the facts-store fixture)


@pytest.mark.parametrize(
    "text, yen",
    [
        ("七百二十万円", 7_200_000),
        ("3億5千万円", 350_000_000),
        ("９８０万４千円", 9_804_000),
        ("12,345千円", 12_345_000),
        ("二千五百円", 2_500),
    ],
)
def test_amounts_in_any_script(text, yen):
    assert [value for value, _, _ in amounts_yen(with_digits(text))] == [yen]


def test_words_that_only_look_like_numerals_stay():
    assert with_digits("一部の町が一緒に") == "一部の町が一緒に"
    assert with_digits("九つのうち四つ") == "9つのうち4つ"


def test_eras_through_japanera():
    assert western_year("令和", "元") == 2019
    assert western_year("平成", 30) == 2018
    assert fiscal_label(2022) == "R4"
    assert japanese_fiscal_year("R7") == "令和7年度"
    assert japanese_date("2019-05-01") == "令和元年5月1日"
    assert japanese_date(date(2019, 4, 30)) == "平成31年4月30日"
    assert yen_text(12_000_000) == "1,200万円"


@pytest.fixture(scope="module")
def vocabulary(facts):  # noqa: F811
    return Vocabulary(facts)


def test_reads_years_ranges_and_quantities(vocabulary):
    q = parse("令和四年度から六年度までの宗谷の数字は？", vocabulary)
    assert q.fiscal_years == ("R4", "R5", "R6")
    assert q.regions == ("宗谷地域",)
    q = parse("面積が2千平方キロを超えない地域", vocabulary)
    assert [(x.value, x.counter, x.comparator) for x in q.quantities] == [(2000.0, "平方キロ", "<=")]
    q = parse("面積が3500km2に満たない地域", vocabulary)  # km2's 2 is the unit's exponent, no figure
    assert [(x.value, x.counter) for x in q.quantities] == [(3500.0, "km2")]
    q = parse("二〇二二年のうちに協定を締結したのは", vocabulary)
    assert q.calendar_years == (2022,)


def test_a_place_name_that_begins_several_regions_names_each_of_them(vocabulary):
    """Before: 「留萌」 alone named no region (neither short form is 留萌), and the passages of
    any region answered."""
    q = parse("留萌の構成町村を教えて", vocabulary)
    assert set(q.regions) == {"留萌中北部5町村連携地域", "留萌南部3市町連携地域"}
    assert parse("留萌市はどの連携地域に入っている", vocabulary).regions == ()  # the city, a member
    assert parse("留萌南部の面積", vocabulary).regions == ("留萌南部3市町連携地域",)


@pytest.mark.parametrize(
    "wording",
    [
        "交付金を活用している地域で人口が最も少ないところは？",
        "交付金活用地域のうち、いちばん人口の少ない地域を教えてください",
        "人口が一番少ない交付金活用地域はどこでしょうか",
        "交付金を使っている地域の中で最も人口が少ないのは",
        "交付金活用地域で、住んでいる人口がもっとも少ない地域",
    ],
)
def test_one_request_many_wordings_one_plan(vocabulary, wording):
    plan = build_plan(parse(wording, vocabulary))
    assert (plan.operation, plan.attribute, plan.region_kind) == ("min", "population", "grant")


def test_a_filter_and_a_superlative_compose(facts, vocabulary):  # noqa: F811
    answer = AggregateAnswerer(facts).answer(parse("防災で連携している地域の中で面積が最も広いのは？", vocabulary))
    disaster = [r for r in facts.regions if "防災" in r.field_names and r.kind != "other"]
    widest = max(disaster, key=lambda r: r.area_km2.value)
    assert answer.regions == [widest.name]
    assert f"{widest.area_km2.value:,.2f}" in answer.answer


def test_sum_over_a_year_range_cites_every_operand(facts, vocabulary):  # noqa: F811
    answer = AggregateAnswerer(facts).answer(parse("日高の令和三年度から五年度までの交付額を合計すると？", vocabulary))
    hidaka = facts.region("日高連携地域")
    total = sum(g.thousand_yen for g in hidaka.grants if g.year in ("R3", "R4", "R5"))
    assert f"{total:,}千円" in answer.answer.split("\n")[0]
    assert answer.citations and all(c.region == "日高連携地域" for c in answer.citations)


def test_threshold_list_is_exact(facts, vocabulary):  # noqa: F811
    answer = AggregateAnswerer(facts).answer(parse("人口が5万人に満たない地域を全部", vocabulary))
    expected = {r.name for r in facts.regions if r.kind != "other" and r.population.value < 50_000}
    assert set(answer.regions) == expected


@pytest.mark.parametrize("wording", ["人口4万人から8万人までの地域を教えて", "人口が4万~8万人の地域"])
def test_two_numbers_joined_as_a_range_are_its_bounds(facts, vocabulary, wording):  # noqa: F811
    """Before: both read as equalities (no region has exactly 4万人 and 8万人)."""
    answer = AggregateAnswerer(facts).answer(parse(wording, vocabulary))
    within = {r.name for r in facts.regions if r.kind != "other" and r.population and 40_000 <= r.population.value <= 80_000}
    assert within and set(answer.regions) == within
    assert "40,000人以上80,000人以下" in answer.answer


def test_a_range_of_a_yearly_amount_holds_in_one_year(facts, vocabulary):  # noqa: F811
    """Before: a region passed with one year over the lower bound and another under the upper."""
    answer = AggregateAnswerer(facts).answer(parse("交付額が600万円から900万円の年度があった地域は", vocabulary))
    within = {r.name for r in facts.regions if any(g.thousand_yen and 6_000 <= g.thousand_yen <= 9_000 for g in r.grants)}
    assert within and set(answer.regions) == within


def test_joining_two_regions_figures_adds_them_up(facts, vocabulary):  # noqa: F811
    """Before: each region's value, no total."""
    answer = AggregateAnswerer(facts).answer(parse("釧路と宗谷の人口を合わせると？", vocabulary))
    total = facts.region("釧路地域").population.value + facts.region("宗谷地域").population.value
    assert answer.answer.startswith(f"人口の合計は{total:,}人です")


def test_joining_two_kinds_of_region_and_asking_how_many_counts_them(facts, vocabulary):  # noqa: F811
    answer = AggregateAnswerer(facts).answer(parse("国の制度の地域と交付金の地域を合わせると何地域になる", vocabulary))
    assert answer.answer.startswith(f"事例集の地域は{sum(r.kind != 'other' for r in facts.regions)}地域です")


@pytest.mark.parametrize("wording", ["人口の最も多い地域と最も少ない地域はそれぞれどこ", "いちばん人口が多い所と少ない所は"])
def test_both_ends_of_a_ranking_asked_together_are_both_answered(facts, vocabulary, wording):  # noqa: F811
    """Before: the first of the ranking and the next three; the last unsaid."""
    ranked = sorted((r for r in facts.regions if r.kind != "other" and r.population), key=lambda r: r.population.value)
    answer = AggregateAnswerer(facts).answer(parse(wording, vocabulary))
    assert set(answer.regions) == {ranked[0].name, ranked[-1].name}
    assert f"最も少ないのは{ranked[0].name}" in answer.answer and "差は" not in answer.answer


def test_count_of_regions(facts, vocabulary):  # noqa: F811
    answer = AggregateAnswerer(facts).answer(parse("国の制度を使っている連携地域はいくつありますか", vocabulary))
    assert answer.answer.startswith("事例集の地域は3地域です")


def test_compare_two_regions(facts, vocabulary):  # noqa: F811
    answer = AggregateAnswerer(facts).answer(parse("根室と釧路では人口はどちらが多い？差は？", vocabulary))
    nemuro, kushiro = facts.region("根室連携地域"), facts.region("釧路地域")
    difference = abs(kushiro.population.value - nemuro.population.value)
    assert f"{difference:,}人" in answer.answer


def test_a_question_about_something_else_has_no_plan(vocabulary):
    assert build_plan(parse("ごみ分別アプリは何件ダウンロードされた？", vocabulary)) is None
    assert build_plan(parse("日高の事務局はどこ？", vocabulary)) is None


@pytest.mark.parametrize(
    "wording",
    [
        "宗谷にはいくつの市町村が入っていますか",
        "宗谷には市町村がいくつ入っていますか",
        "宗谷の連携地域は町村がいくつで構成されていますか",
        "宗谷は何市町村で構成？",
    ],
)
def test_the_counted_noun_may_come_before_or_after_the_question_word(vocabulary, wording):
    q = parse(wording, vocabulary)
    assert q.attributes == ("member_count",) and q.regions == ("宗谷地域",)
    assert not q.asks_which  # 「宗谷の連携地域は」 refers back to the named region


def test_a_region_noun_with_a_relative_clause_still_asks_which(vocabulary):
    assert parse("宗谷と同じように防災で連携している地域は？", vocabulary).asks_which
    assert parse("地域はいくつありますか", vocabulary).operation == "count"


@pytest.mark.parametrize("request_words", ["リストアップして", "一覧化してください", "書き出してほしい"])
def test_regions_asked_for_with_any_request_verb_are_asked_for(vocabulary, request_words):
    """The regions are the object of a request to the reader, whatever its verb."""
    assert parse(f"観光で協力している地域を{request_words}", vocabulary).asks_which


def test_regions_asked_for_with_the_particle_dropped_are_asked_for(vocabulary):
    assert parse("交付額が800万円だった地域ある？", vocabulary).asks_which


@pytest.mark.parametrize(
    "wording, asks_which",
    [
        ("補助金についての問い合わせ先はどこですか", False),  # where a thing goes, not which regions
        ("その研修の講師はどこの会社でしたか", False),
        ("計画書はどこへ送ればよいのでしょうか", False),  # a noun with a suffix (計画 + 書); before: regions asked
        ("移住フェアに出展したのはどこ", True),
        ("除雪で協力している自治体はどこ？", True),
        ("どこの地域が観光で組んでいますか", True),
    ],
)
def test_where_asks_for_regions_unless_it_asks_where_a_thing_is(vocabulary, wording, asks_which):
    assert parse(wording, vocabulary).asks_which is asks_which


@pytest.mark.parametrize("wording", ["四つの町村で組んだ事例を知りたい", "十町村以上で連携した例はありますか"])
def test_the_casebooks_cases_asked_for_are_its_regions(vocabulary, wording):
    assert parse(wording, vocabulary).asks_which


def test_a_region_noun_followed_by_another_question_does_not_ask_which(vocabulary):
    assert not parse("三つの町が入っている地域は交付金を受けられますか", vocabulary).asks_which


def test_a_count_of_people_is_the_population_only_when_it_counts_the_people_who_live_there(facts):  # noqa: F811
    vocabulary = Vocabulary(facts)
    assert "population" in parse("日高には何人ぐらい住んでいますか", vocabulary).attributes
    assert "population" in parse("日高の人口は何人？", vocabulary).attributes
    assert "population" not in parse("日高の研修には何人が参加しましたか", vocabulary).attributes
    assert "population" not in parse("根室の説明会に何人来ましたか", vocabulary).attributes


@pytest.mark.parametrize(
    "question, sentence, states",
    [
        ("令和3年3月にまとめた計画", "令和3年3月18日に計画を定めた", True),
        ("令和3年3月にまとめた計画", "令和3年10月6日に計画を定めた", False),  # same digits, other month
        ("令和三年にまとめた計画", "2021年に計画を定めた", True),  # era, kanji and western years agree
        ("令和3年に始めた", "R4年度に始めた", False),
        ("3町で始めた", "13町で始めた", False),  # 3 is not held by 13
        ("3町で始めた", "3つの町で始めた", True),
        ("日付のない問い", "令和3年3月", True),
        ("令和4年度に2回開いた研修", "令和4年度は12回開いた", False),  # the 4 of the date is not a count
        ("R5年3月に決めた", "令和5年3月31日に決めた", True),  # R5's 年 before the month
    ],
)
def test_a_sentence_must_write_the_dates_and_numbers_asked(question, sentence, states):
    assert states_numbers(question, sentence) is states


def test_a_dates_words_are_not_what_the_question_is_about():
    assert without_dates("令和5年度に備品を買った") == " に備品を買った"
    assert without_dates("R4年度の研修と令和三年三月の計画") == " の研修と の計画"


@pytest.mark.parametrize(
    "text, inside",
    [
        ("令和５年８月～令和６年３月", True),  # April to March
        ("R5年度", True),
        ("令和6年4月", False),
        ("2030年度の目標", False),  # a year a line names as its subject
        ("８月", False),  # no year written
    ],
)
def test_a_dates_fiscal_year_runs_from_april_to_march(text, inside):
    assert in_fiscal_year(text, "R5") is inside


@pytest.mark.parametrize(
    "question, owners",
    [
        ("協定の期間は何年にすればいい", {"協定"}),
        ("交付金の上限額はいくら", {"交付"}),  # the head's own compound (上限 + 額) is the topic's
        ("講師は誰でしたか", set()),
    ],
)
def test_the_owner_of_the_topic_asked_is_what_its_の_hangs_from(question, owners):
    assert topic_owners(question) == owners


@pytest.mark.parametrize(
    "question, paid",
    [
        ("交付金を毎年度受け取っている連携地域は", True),
        ("毎年研修をしている交付金活用地域は", False),  # guard: a topic every year, not the grant
    ],
)
def test_every_year_paid_is_read_only_of_the_grant_alone(vocabulary, question, paid):
    assert parse(question, vocabulary).paid_every_year is paid


def test_not_once_is_every_year_only_when_it_counts_times(vocabulary):
    """「1度も…ない」 is never, so every year; 「1つも…ない」 counts members, no years."""
    assert parse("交付額が1度も500万円を超えていない地域", vocabulary).every_year
    assert not parse("村を1つも含まない交付金活用地域は", vocabulary).every_year


def test_written_dates_keep_their_precision():
    assert written_dates(with_digits("令和３年３月と平成31年4月30日、R5")) == [
        WrittenDate(2021, 3),
        WrittenDate(2019, 4, 30),
        WrittenDate(2023),
    ]
    assert with_digits("R5.3.1") == "R5.3.1"  # a second decimal is not read inside the first


@pytest.mark.parametrize(
    "question, kind_negated",
    [
        ("交付金を使わずに観光で協力している地域", True),
        ("交付金を受けていない地域はどこ", True),
        ("交付金を活用しているが研修はしていない地域", False),  # the topic's predicate is negated, not the kind's
    ],
)
def test_the_kind_is_negated_by_its_own_predicate(vocabulary, question, kind_negated):
    q = parse(question, vocabulary)
    assert q.region_kind == "grant" and q.negates_kind is kind_negated


def test_the_kind_word_inside_a_record_values_name_is_no_kind(vocabulary):
    """「交付金活用見込額」 names the grant column: its negation (「載っていない」) is of the value,
    not a list of the regions outside the grant."""
    q = parse("令和6年度の交付金活用見込額が載っていない地域を教えて", vocabulary)
    assert not q.negates_kind and "grant" in q.attributes


def test_the_verbal_noun_done_to_the_regions_is_how_the_question_asks():
    assert acts_on_regions("防災で協力している地域を列挙してください") == {"列挙"}
    assert acts_on_regions("研修をした地域をリストアップ") == {"リスト", "アップ"}
    assert acts_on_regions("防災で協力している地域を教えて") == frozenset()


@pytest.mark.parametrize(
    "question, attribute",
    [
        ("日高連携地域を構成している町を全部教えて", "members"),
        ("根室はどんな自治体で構成されていますか", "members"),
        ("後志の交付金の額を年度ごとに知りたい", "grant"),
    ],
)
def test_a_label_written_in_the_officers_own_order_names_the_attribute(vocabulary, question, attribute):
    assert parse(question, vocabulary).attributes == (attribute,)


def test_a_loosely_written_label_is_read_only_of_a_named_region(vocabulary):
    """Over all regions the words are a filter's (「市を含まず町村のみで構成する地域」), not a value."""
    assert "members" not in parse("市を含まず町村のみで構成する地域はどこ", vocabulary).attributes


def test_the_noun_whose_amount_is_asked_must_be_in_the_answer():
    asked = expected("連携事業全体の予算総額はいくらですか")
    assert asked.kind == "money" and asked.about == "総額"
    assert not holds(asked, "予算の範囲内で1地域あたり1,000万円を上限")
    assert holds(asked, "予算総額は3億円")
    assert expected("講座の受講料は1回いくら").about == ""  # 回 is the unit priced by, not the thing


def test_ikutsu_asks_a_number_and_is_a_question_word():
    """UniDic cuts いくつ into 幾 + つ: before, neither read it as asking a count."""
    assert expected("講座はいくつ開かれましたか").kind == "count"
    assert question_words("講座はいくつ開かれましたか") == {"幾"}


def test_a_number_of_towns_counted_with_tsu_counts_towns(vocabulary):
    plan = build_plan(parse("七つの町村でつくっている連携地域を教えて", vocabulary))
    assert plan is not None
    assert [(c.attribute, c.value) for c in plan.conditions] == [("member_count", 7)]


@pytest.mark.parametrize(
    "question, counter, about",
    [
        ("相談会の参加人数を教えて", "人", "参加"),
        ("セミナーの受講者数は？", "人", "受講"),
        ("勉強会の開催回数は", "回", "開催"),
        ("ホームページの閲覧件数は？", "件", "閲覧"),
        ("冊子の配布数はどれだけ", "", "配布"),  # a number said of 配布, in any counter
    ],
)
def test_a_noun_of_how_many_asks_for_a_count(question, counter, about):
    asked = expected(question)
    assert (asked.kind, asked.counter, asked.about) == ("count", counter, about)


@pytest.mark.parametrize("question", ["講座の受講率を教えて", "冊子を手に取った住民の割合は？"])
def test_a_noun_of_what_share_asks_for_a_percent(question):
    assert expected(question).kind == "percent"


def test_a_share_asked_as_a_fraction_may_be_answered_in_words():
    """Guard (passed before): 「何分の何」 is often answered 定額, so no percent is required."""
    assert expected("町の負担の割合は何分の何になりますか").kind == ""


@pytest.mark.parametrize(
    "question, nouns",
    [
        ("講座の開催場所はどこでしたか", {"場所"}),  # the head of the compound
        ("利用者の評判は？", {"評判"}),
        ("協定って、期限を決めなければいけませんか", set()),  # its topic asks nothing: no noun asked
    ],
)
def test_the_noun_asked_is_the_topic_before_a_question_word_or_the_end(question, nouns):
    assert topic_asked(question) == nouns


def test_how_many_years_about_is_a_count_of_years_never_an_eras_year():
    """「何年くらい」 asks how many years: before, a date, answered 「令和22年です」."""
    asked = expected("協定は何年ほど続く決まりですか")
    assert (asked.kind, asked.counter) == ("count", "年")
    assert not holds(asked, "令和3年に協定を締結した。")  # an era's year counts nothing
    assert value_in(asked, "協定の期間は3年間とし、令和4年に見直す。") == "3年"
    assert expected("何年に協定を結んだのですか").kind == "date"  # (guard: which year)


@pytest.mark.parametrize("question", ["その事業は何年続けるのですか", "根室は何年交付を受けたのでしょう"])
def test_how_many_years_before_a_verb_or_its_object_is_a_count_of_years(question):
    """Before: 「何年続ける」「何年交付を」 were read as asking which year (a date)."""
    asked = expected(question)
    assert (asked.kind, asked.counter) == ("count", "年")


@pytest.mark.parametrize(
    "question, operation",
    [
        ("交付金が最も多く交付されたのはどこの何年度？", "max"),  # no 地域 asked: a ranking of the grant
        ("交付金がいちばん少なかった年は？", "min"),
        ("南空知の交付金は全部でいくら？", "sum"),  # 全部で: all of it taken together
    ],
)
def test_the_grant_ranked_or_added_up_is_its_amount(vocabulary, question, operation):
    """Before: with no region noun (地域) asked, 交付金 named no value, and these were declined."""
    read = parse(question, vocabulary)
    assert (read.operation, read.attributes) == (operation, ("grant",))


def test_a_cap_asked_by_a_noun_of_the_extreme_is_no_ranking_of_the_grant(vocabulary):
    """Guard (passed before): 最大額 asks the rule's cap, not which region got the most."""
    assert parse("1つの地域が受け取ることのできる交付金の最大額は？", vocabulary).attributes == ()


def test_every_one_is_not_all_taken_together(vocabulary):
    """Guard (passed before): 「全部教えて」 lists every one; it adds nothing up."""
    assert parse("日高の構成町を全部教えて", vocabulary).operation != "sum"


@pytest.mark.parametrize("question", ["留萌南部に参加しているのはどこの市町？", "根室連携地域に加入しているのはどの市町"])
def test_which_towns_belong_asked_in_a_cleft_are_the_members(vocabulary, question):
    """Before: the verb of belonging before 「のは」 was not read, nor 「どこの町」 as which town."""
    assert parse(question, vocabulary).attributes == ("members",)


def test_a_request_asks_what_the_value_is_not_whether_it_is_the_one_stated(vocabulary):
    """Before: 「5市町の名前を知りたい」 stated a count, and the answer began 「はい。」."""
    assert parse("根室の5市町の名前を知りたいので教えて", vocabulary).asks_content
    assert not parse("根室は5市町で構成されていますか", vocabulary).asks_content  # (guard) yes / no


@pytest.mark.parametrize(
    "question, operation",
    [
        ("面積が広い順にならべてください", "max"),
        ("人口の少ない地域を2つ挙げて", "min"),  # a number of regions after the region noun
        ("交付額の上位の地域を知りたい", "max"),
    ],
)
def test_a_ranking_asked_without_a_superlative_is_a_ranking(vocabulary, question, operation):
    """Before: with no 一番 / 最も, 「多い順」「上位」「…地域を3つ」 ranked nothing."""
    assert parse(question, vocabulary).operation == operation


@pytest.mark.parametrize(
    "question, operation",
    [
        ("交付金をたくさん受け取った地域を2つ教えてください", "max"),  # an adverb of quantity
        ("市町村を多く抱える地域を3つ", "max"),  # the adjective qualifies a verb that modifies the region noun
        ("交付金をいちばんたくさん受けたのは", "max"),  # guard (passed before: a superlative of a verb)
        ("人口が少なくなっている地域を4つ", None),  # guard: becoming fewer is a change, no ranking
    ],
)
def test_a_degree_said_through_a_verb_still_ranks_the_regions(vocabulary, question, operation):
    """Before: only an adjective right before 地域 ranked (「多い地域を3つ」), not 「多くもらっている
    地域を3つ」 nor たくさん."""
    assert parse(question, vocabulary).operation == operation


@pytest.mark.parametrize(
    "question, places",
    [
        ("面積の広い4地域を知りたい", 4),
        ("交付額で上位2地域はどこ", 2),
        ("交付金を受けた8地域のうち面積が一番広いのは", 0),  # the number before the ranking names its pool
        ("人口が一番多いところは", 0),
    ],
)
def test_the_places_of_a_ranking_are_the_regions_counted_after_its_degree(vocabulary, question, places):
    assert parse(question, vocabulary).places == places


def test_a_region_that_receives_is_not_the_region_asked_for(vocabulary):
    """Before: 貰う counted as a request verb (「教えてもらえる」) wherever it stood, so 「連携地域が
    もらえる…上限額」 asked for regions and ranked them; the cap of the rule is asked."""
    assert not parse("ひとつの連携地域がもらえる交付金の最大額はいくらですか", vocabulary).asks_which
    assert parse("交付金を受けた地域を教えてもらえますか", vocabulary).asks_which  # guard: a request


def test_a_number_before_an_adjective_of_degree_is_a_bound_not_a_ranking(vocabulary):
    """Guard (passed before): 「5つより多い」 filters the regions."""
    assert parse("構成市町村が5つより多い地域を教えて", vocabulary).operation is None


def test_a_number_of_regions_is_not_a_value_of_a_case():
    assert not expected("連携地域の数は？").is_a_value(REGION_COUNTERS)
    assert expected("冊子の配布数は？").is_a_value(REGION_COUNTERS)
    assert expected("職員数が減っている地域は？").kind == ""  # the count is a condition, not asked


@pytest.mark.parametrize(
    "question, asks_members",
    [
        ("根室の五市町ってどこ？", True),
        ("南空知にはどの市町が入っていますか", True),
        ("後志の町村を挙げてください", True),
        ("釧路の地域に含まれている市町村を全て挙げて", True),  # a clause of belonging, a quantity word
        ("留萌南部を構成する市町はどこですか", True),
        ("西紋別の四町村の名前を知りたい", True),  # their names asked
        ("日高で部会長の町はどこ", False),  # a town something more specific names
        ("日高で部会長を務めるのはどの町？", False),
    ],
)
def test_a_named_regions_towns_asked_by_where_or_which_are_its_members(vocabulary, question, asks_members):
    read = parse(question, vocabulary)
    assert ("members" in read.attributes) == asks_members
    assert not (asks_members and read.asks_which)  # towns asked for, not regions


@pytest.mark.parametrize(
    "question, negated",
    [
        ("連携中枢都市圏でない地域は？", True),
        ("定住自立圏ではない連携地域を知りたい", True),
        ("定住自立圏以外の地域はどこ", True),
        ("防災の取組がない地域", True),
        ("合同研修をしていない交付金活用地域", True),  # the compound 交付金活用地域 ends the noun
        ("定住自立圏で連携している地域は？", False),
    ],
)
def test_regions_other_than_something_are_a_negated_list(vocabulary, question, negated):
    assert parse(question, vocabulary).negates_regions == negated


def test_a_kind_of_town_after_a_particle_or_with_the_secretariats_verb_is_a_filter(vocabulary):
    assert parse("連携地域のうちで村が加入していないのは", vocabulary).municipality_types == ("村",)
    assert parse("事務局を町が務めている地域を教えて", vocabulary).municipality_types == ("町",)
    assert parse("岩見沢市が入っている地域は", vocabulary).municipality_types == ()


@pytest.mark.parametrize(
    "text, years",
    [
        ("令和二年度と三年度の交付額", ("R2", "R3")),  # the second year in the first's era
        ("令和2年度、3年度、4年度の合計", ("R2", "R3", "R4")),
        ("令和4年度と2023年度", ("R4", "R5")),
    ],
)
def test_years_listed_after_an_era_year_are_in_its_era(text, years):
    assert fiscal_years(with_digits(text)) == years


def test_an_era_named_without_a_year_is_the_span_of_the_era(facts, vocabulary):  # noqa: F811
    answer = AggregateAnswerer(facts).answer(parse("平成のうちに形成協定を結んだ地域を挙げて", vocabulary))
    expected = {r.name for r in facts.regions if r.agreement_date and str(r.agreement_date.value) < "2019-05-01"}
    assert expected and set(answer.regions) == expected


def test_a_date_in_a_fiscal_year_runs_from_april_to_march(facts, vocabulary):  # noqa: F811
    answer = AggregateAnswerer(facts).answer(parse("令和二年度中に連携協定を締結したのはどこ", vocabulary))
    expected = {r.name for r in facts.regions if r.agreement_date and "2020-04-01" <= str(r.agreement_date.value) < "2021-04-01"}
    assert expected and set(answer.regions) == expected  # 令和3年1月 and 3月 are in 令和2年度


@pytest.mark.parametrize(
    "text, since, until",
    [
        ("令和四年以降に連携協定を結んだ地域は", "2022-01-01", None),  # from the year's first day on
        ("二〇二一年より後にビジョンを作った地域", "2022-01-01", None),  # after the year
        ("平成三十年度までに協定を締結した地域はどこ", None, "2019-04-01"),  # up to the fiscal year's end
        ("協定の締結が令和三年より前の地域", None, "2021-01-01"),  # before the year
    ],
)
def test_a_word_after_a_year_bounds_the_date_on_one_side(facts, vocabulary, text, since, until):  # noqa: F811
    """Before: 「令和四年以降」 was read as the year 2022 itself (「2022年中」)."""
    answer = AggregateAnswerer(facts).answer(parse(text, vocabulary))
    attribute = "vision_date" if "ビジョン" in text else "agreement_date"
    booklet = [r for r in facts.regions if r.kind != "other"]  # the booklet's regions, 北見's report aside
    dates = {r.name: str(getattr(r, attribute).value) for r in booklet if getattr(r, attribute)}
    expected = {name for name, day in dates.items() if (since is None or day >= since) and (until is None or day < until)}
    assert 1 < len(expected) < len(dates) and set(answer.regions) == expected


def test_two_calendar_years_joined_as_a_range_cover_every_day_between(facts, vocabulary):  # noqa: F811
    q = parse("令和元年から令和三年にかけて協定を結んだ地域", vocabulary)
    assert q.calendar_years == (2019, 2020, 2021)
    answer = AggregateAnswerer(facts).answer(q)
    booklet = [r for r in facts.regions if r.kind != "other"]
    expected = {r.name for r in booklet if r.agreement_date and "2019-01-01" <= str(r.agreement_date.value) < "2022-01-01"}
    assert expected and set(answer.regions) == expected


def test_a_ranking_of_totals_adds_up_each_regions_years(facts, vocabulary):  # noqa: F811
    answer = AggregateAnswerer(facts).answer(parse("これまでの交付額の総額が最も少ない連携地域は", vocabulary))
    totals = {r.name: sum(g.thousand_yen or 0 for g in r.grants) for r in facts.regions if r.grants}
    lowest = min(totals.values())
    assert set(answer.regions) == {name for name, total in totals.items() if total == lowest}
    assert f"{lowest:,}千円" in answer.answer.split("\n")[0]
    first = answer.answer.split("\n")[0]
    assert len(re.findall(r"\[1\]", first)) == 1  # one mark per source line, not one per year


def test_a_counter_is_read_in_any_of_its_written_forms():
    asked = expected("講座の期間は何カ月でしたか")
    assert holds(asked, "受講期間3ヶ月の講座") and not holds(asked, "受講料3千円の講座")


@pytest.mark.parametrize("question", ["その講習会は誰向けでしたか", "誰を対象にした説明会ですか", "研修は誰が対象？"])
def test_who_a_thing_is_for_asks_a_group_not_a_name(question):
    assert expected(question).kind == ""
    assert expected("研修の講師を務めたのは誰？").kind == "name"


def test_a_named_regions_size_restated_is_not_what_a_superlative_measures(vocabulary):
    """Before: 「…の十市町村で面積が…」 ranked the member count, not the area."""
    read = parse("宗谷の十市町村で面積が最も大きいのはどこ", vocabulary)
    assert read.attributes == ("area",) and read.operation == "max"
    assert parse("根室の五市町ってどこ？", vocabulary).attributes == ("members",)


@pytest.mark.parametrize("question", ["交付額がずっと500万円を超えている地域", "常に交付額が800万円以上の地域はどこ"])
def test_an_adverb_of_always_asks_every_year_of_the_record(vocabulary, question):
    assert parse(question, vocabulary).every_year


@pytest.mark.parametrize("question", ["国の制度を活用している地域の数を教えて", "ICTで連携している地域数は"])
def test_the_number_of_the_regions_asks_a_count(vocabulary, question):
    assert parse(question, vocabulary).operation == "count"


def test_the_number_of_a_named_regions_towns_is_no_count_of_regions(vocabulary):
    read = parse("日高の町の数は", vocabulary)
    assert read.operation is None
    assert build_plan(read) is None  # the record's count of towns, not a computation over regions


def test_a_laws_date_in_its_citation_is_no_answer_to_when():
    from assistant.understand.answer_type import value_in

    cited = "様式は「北海道の規則」(平成30年4月1日告示第123-4号)による。"
    assert not holds(expected("様式はいつ決まった"), cited, "様式はいつ決まった")
    assert value_in(expected("いつ決まった"), cited) is None
    assert value_in(expected("いつ決まった"), "令和2年4月1日に決まった(根拠:平成30年告示第1号)") == "令和2年4月1日"


def test_a_deadline_asked_is_answered_by_a_deadline_set_in_words():
    question = "報告書はいつまでに出せばいい"
    assert holds(expected(question), "知事が指定する期日までに報告書を提出する。", question)
    assert not holds(expected("報告書はいつ出した"), "知事が指定する期日までに報告書を提出する。", "報告書はいつ出した")


def test_a_kind_of_town_limited_by_only_asks_that_every_member_is_of_it(facts, vocabulary):  # noqa: F811
    """Before: 「町村だけで構成」 looked for a member named …町村 and found none."""
    expected_regions = {r.name for r in facts.regions if r.kind != "other" and all(m.name[-1] in "町村" for m in r.members)}
    read = parse("町村のみでできている地域を教えて", vocabulary)
    assert read.municipality_types == ("町村",) and read.municipality_only == ("町村",)
    answer = AggregateAnswerer(facts).answer(read)
    assert answer is not None and set(answer.regions) == expected_regions
    both = AggregateAnswerer(facts).answer(parse("村と町だけの連携地域はどこ", vocabulary))
    assert both is not None and set(both.regions) == expected_regions  # two kinds named, either one


@pytest.mark.parametrize(
    "question, relating",
    [
        ("民間のバス事業者と協力している地域を教えて", {"協力"}),
        ("防災訓練を実施した地域", {"実施"}),
        ("除雪している地域", set()),  # alone, the verbal noun is the topic
        ("SNSを使って情報発信している地域", set()),  # part of a compound: the topic
    ],
)
def test_the_verbal_noun_tying_an_object_to_the_regions_is_read(question, relating):
    from assistant.understand.parse import relates_regions

    assert relates_regions(question) == relating


def test_kinds_of_municipality_written_together_are_one_counter():
    """「何市町」: before, the counter was 市 alone and 町 what was counted (「5市です」 from 「5市町」)."""
    asked = expected("協議会には何市町が加盟していますか")
    assert (asked.kind, asked.counter, asked.about) == ("count", "市町", "加盟")
    assert value_in(asked, "管内の5市町が加盟している。") == "5市町"


def test_the_name_of_a_kind_of_body_is_that_body_named_in_full():
    asked = expected("ごみ処理を担う協議会の名前は？")
    assert asked.kind == "name" and asked.about == "協議会"
    assert holds(asked, "西部環境保全協議会が収集を受け持つ", "ごみ処理を担う協議会の名前は？")
    assert not holds(asked, "協議会が収集を受け持つ", "ごみ処理を担う協議会の名前は？")  # the bare kind names nothing
    assert not holds(expected("導入したシステムの名前は？"), "西部環境保全協議会が運用する")  # a body is no system's name


def test_a_company_by_its_legal_form_names_the_company_asked_for():
    question = "研修の講師を務めたのはどこの会社？"
    assert holds(expected(question), "(講師:株式会社ひまわり)", question)  # 会社 is in the question too
    assert not holds(expected(question), "講師の選定と依頼", question)


@pytest.mark.parametrize(
    "question, value",
    [
        ("講座はいつまで開かれましたか", "令和4年9月"),
        ("講座はいつから開かれましたか", "令和3年6月"),
        ("講座はいつからいつまでの期間？", "令和3年6月～令和4年9月"),
        ("講座はいつ開かれましたか", None),  # two dates, neither asked by an end
    ],
)
def test_a_span_of_dates_answers_the_end_the_question_asks(question, value):
    sentence = "・出前講座の開催期間(令和3年6月~令和4年9月)"
    assert value_in(expected(question), sentence, question) == value


def test_a_date_something_starts_from_is_no_answer_to_until_when():
    question = "補助はいつまで続きますか"
    assert not holds(expected(question), "令和3年度からは新たな補助を始めた", question)
    assert holds(expected(question), "令和3年度から令和7年度まで補助を続ける", question)
    assert not holds(expected("補助はいつ見直す？"), "計画は毎年度見直す")  # 毎年度 is no date


@pytest.mark.parametrize(
    "question, how",
    [
        ("幹事はどうやって選ぶ", True),
        ("なぜ連携したのか", True),
        ("どのように周知した", True),
        ("どういう事業か", False),
        ("人口はどうなっている", False),
    ],
)
def test_a_question_of_manner_or_reason_is_told_from_one_of_what_or_state(question, how):
    from assistant.understand.answer_type import asks_how_or_why

    assert asks_how_or_why(question) is how


@pytest.mark.parametrize(
    "question, done",
    [
        ("どうして二つの町で協議会を作ったのですか", True),
        ("その講座を開くことにした理由は", True),
        ("何のために共同で求人をするの", True),
        ("町の職員の確保が厳しいのはなぜですか", False),  # a state: the booklet says why in its own sentence
        ("どうやって講師を決めたの", False),  # a manner
    ],
)
def test_a_reason_asked_of_something_done_is_told_from_one_asked_of_a_state(question, done):
    from assistant.understand.answer_type import asks_why_it_was_done

    assert asks_why_it_was_done(question) is done


def test_a_region_compared_against_is_not_the_subject(vocabulary):
    read = parse("日高よりも人口が少ない地域は？", vocabulary)
    assert read.regions == () and read.than_region == "日高連携地域" and read.than_comparator == "<"
    assert parse("日高の人口は少ない？", vocabulary).than_region is None


@pytest.mark.parametrize(
    "question, regions",
    [
        ("いちばん交付金を受け取っている地域はどこですか", ()),
        ("根室は何年度にいちばん交付金を受け取った？", ("根室連携地域",)),  # over the region's years
    ],
)
def test_a_superlative_of_receiving_the_grant_ranks_the_grant(vocabulary, question, regions):
    read = parse(question, vocabulary)
    assert (read.operation, read.regions) == ("max", regions) and "grant" in read.attributes


def test_a_superlative_of_an_order_is_no_ranking_of_amounts(vocabulary):
    assert parse("一番最初に協定を結んだ地域は", vocabulary).operation != "max"


@pytest.mark.parametrize(
    "question, operation, attribute",
    [
        ("ビジョンをいちばん最初に策定したのはどの地域", "min", "vision_date"),
        ("最後に連携協定を締結したところはどこですか", "max", "agreement_date"),
        ("一番最近に協定を結んだ地域を教えて", "max", "agreement_date"),
    ],
)
def test_an_end_in_time_of_a_date_named_is_its_earliest_or_latest(vocabulary, question, operation, attribute):
    """Before: 「最初に」「最後に」「最近」 asked no ranking (the topical list quoted every region's date)."""
    read = parse(question, vocabulary)
    assert (read.operation, read.extreme_attribute) == (operation, attribute)


def test_an_end_in_time_without_a_date_named_ranks_nothing(vocabulary):
    assert parse("最初の年度に研修をした地域は", vocabulary).operation is None


@pytest.mark.parametrize(
    "question, asked_as",
    [
        ("ごみの分別で協力した事例はありますか", "事例"),
        ("研修を合同でしたところを教えて", "所"),
        ("研修を合同でしたのはどこ", ""),
        ("研修の講師は誰", ""),
    ],
)
def test_the_noun_the_regions_are_asked_as_is_read(vocabulary, question, asked_as):
    """The casebook's 事例 are its regions: the noun they are asked as is no topic of the list."""
    assert parse(question, vocabulary).regions_asked_as == asked_as


def test_a_change_is_said_of_the_noun_before_its_subject_particle(vocabulary):
    """「人口が…減っている」 says a change of the population, even with a comparison between;
    a verb that UniDic reads as a change (挙がる → 上がる) said of another noun is none."""
    assert parse("人口が十年前より減ってきた地域はある？", vocabulary).changed == ("population",)
    assert parse("交付額が少なくなった地域", vocabulary).changed == ("grant",)
    assert parse("構成市町村の間の移動が大変だという声が挙がった地域", vocabulary).changed == ()


def test_when_asked_of_the_region_itself_is_when_it_began(vocabulary):
    """「いつ」 with no noun but the region's: when the region began (its agreement)."""
    assert parse("留萌南部の連携地域ができたのはいつですか", vocabulary).begins
    # a thing done asked of (a guard): not the region's beginning
    assert not parse("遠軽はいつ医師の広告を出しましたか", vocabulary).begins


def test_a_label_written_loosely_beside_one_written_whole_is_read_too(vocabulary):
    """Before: 「構成している市町」 was read only when no label was written whole, and the
    question went to a project's 「構成団体の役割分担」."""
    assert set(parse("根室を構成している市町と人口を教えて", vocabulary).attributes) == {"members", "population"}
    # the members' count names them: no second question (a guard)
    assert parse("釧路を構成しているのは何市町村か、また面積は", vocabulary).attributes.count("members") == 0


def test_the_member_count_in_the_officers_spelling(vocabulary):
    assert "member_count" in parse("留萌南部の構成市町数は", vocabulary).attributes
    assert "member_count" in parse("西紋別の町村数と面積を教えて", vocabulary).attributes
