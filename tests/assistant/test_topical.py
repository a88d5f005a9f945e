"""Topical lists from evidence and the casebook's silence, through the real assistant
(real index, embedder and fugashi). Questions are written for these tests."""

import re

import pytest

from assistant.understand.answer_type import AnswerType, expected, holds, value_in


def test_regions_are_listed_by_the_sentence_that_says_it(assistant, booklet):
    answer = assistant.ask("熊の出没情報やわなの監視に取り組んだ連携地域を挙げてください")
    assert {"南空知圏域", "日高連携地域"} <= set(answer.regions)
    cited = {c.region for c in answer.citations}
    assert set(answer.regions) <= cited
    for citation in answer.citations:  # every quote is the booklet's own words
        assert citation.quote in booklet.parsed.doc.text or citation.doc != booklet.doc_id


def test_a_topic_the_casebook_never_mentions_is_declined(assistant):
    """Most of the question's nouns are words the casebook never uses. (A single unknown
    topic word beside common ones — 「競馬場の運営で協力」 — is not yet declined.)"""
    answer = assistant.ask("流氷観光船と砕氷船の運航を共同で行う地域はどこ")
    assert answer.kind == "unanswerable"
    assert answer.regions == []
    assert "記載がありません" in answer.answer


def test_a_count_the_casebook_does_not_give_is_declined(assistant):
    answer = assistant.ask("南空知のひぐまっぷには何頭のヒグマが登録されていますか")
    assert answer.kind == "unanswerable"


def test_a_question_naming_a_place_outside_the_casebook_is_not_listed(assistant):
    answer = assistant.ask("函館周辺で観光の連携をしている地域は？")
    assert answer.regions == []


@pytest.mark.parametrize(
    "question, kind, counter",
    [
        ("講習会には延べ何人が参加しましたか", "count", "人"),
        ("委託料はいくらでしたか", "money", ""),
        ("利用率は何％ですか", "percent", ""),
        ("協議会はいつ設立されましたか", "date", ""),
        ("勉強会はいつ頃始まりましたか", "date", ""),
        ("いつも合同で開いている研修の内容は", "", ""),  # いつも is "always", not a date
        ("講師を務めた会社の名前は", "name", ""),
        ("研修の内容は何ですか", "", ""),
    ],
)
def test_expected_answer_types(question, kind, counter):
    found = expected(question)
    assert (found.kind, found.counter) == (kind, counter)


def test_a_count_must_count_what_was_asked():
    wanted = AnswerType("count", "人", "参加")
    assert holds(wanted, "研修会には職員32人が参加した。")
    assert not holds(wanted, "暴風雪により8人が亡くなった。")


def test_the_count_of_the_thing_asked_answers_in_whatever_counter_it_is_printed():
    """「何回利用」 is answered by 「利用数は延べ48件」, not by any 件 beside the word."""
    question = "相談窓口は何回利用されましたか"
    wanted = expected(question)
    assert value_in(wanted, "令和5年度の窓口の利用数は延べ48件となった。", question) == "48件"
    assert not holds(wanted, "窓口で48件の相談を受け、利用者に説明した。", question)


def test_a_negated_list_that_every_region_contradicts_says_so(assistant):
    answer = assistant.ask("協定を締結していない地域はありますか")
    assert answer.regions == [] and "すべてに記述があります" in answer.answer.split("\n")[0]
    assert "0地域" not in answer.answer


def test_a_listed_region_says_the_month_asked_not_only_its_digits(assistant):
    """Before: regions whose sentence printed 令和3年10月6日 or 令和3年1月7日 were listed
    for 「令和三年三月」 because the sentence held a 3."""
    answer = assistant.ask("令和三年三月につくられた計画がある地域をリストアップして")
    assert "石狩地域" in answer.regions
    quotes = [c.quote for c in answer.citations if c.region in answer.regions]
    assert quotes and all("令和3年3月" in quote for quote in quotes)


def test_the_templates_table_rows_are_not_a_regions_evidence(assistant):
    """Before: the ○ table's rows, printed on every region's page, were quoted as regions'
    evidence (and listed every region for a question on staff ICT training)."""
    printed_on: dict[str, set[str]] = {}
    for unit in assistant.index.evidence.units:
        printed_on.setdefault(re.sub(r"[\s○]", "", unit.text), set()).add(unit.region)
    answer = assistant.ask("役場の人にICTの勉強をしてもらった地域は")
    assert 0 < len(answer.regions) <= 6
    assert all(len(printed_on.get(re.sub(r"[\s○]", "", c.quote), set())) < 3 for c in answer.citations)


@pytest.mark.parametrize("question", ["除雪作業を共同で行っている地域を教えて", "地域おこし協力隊を一緒に募集している地域は"])
def test_a_compound_the_casebook_never_uses_is_not_held_by_its_parts(assistant, question):
    """「除雪作業」 is one thing: a sentence holding 作業 does not say it (before: two regions
    were listed from 作業, seven from 協力 and 募集)."""
    answer = assistant.ask(question)
    assert answer.regions == [] and "記載がありません" in answer.answer


def test_a_count_of_regions_doing_what_the_casebook_never_mentions_is_no_count_of_all(assistant):
    """Before: 「事例集の地域は11地域です」 — no region says it, so every region was counted."""
    answer = assistant.ask("学校給食を運営している地域はいくつありますか")
    assert answer.kind == "unanswerable" and answer.regions == []
    assert "「学校給食」" in answer.answer  # the thing the casebook never mentions, named


def test_a_list_of_regions_doing_what_the_casebook_never_mentions_quotes_nothing(assistant):
    """Before: two rows of the projects table, sharing 対策 with 「熊対策」."""
    answer = assistant.ask("熊対策で協力している地域を知りたい")
    assert answer.kind == "unanswerable" and not answer.citations


def test_a_count_of_regions_no_region_says_it_of_is_no_count_of_every_region(assistant):
    """「共同運営」 is known, 「給食センター」 not: no region is listed, so none is counted
    (before: 「事例集の地域は11地域です」)."""
    answer = assistant.ask("給食センターを共同運営している地域はいくつありますか")
    assert answer.kind == "unanswerable" and answer.regions == []


def test_what_an_unknown_thing_modifies_by_no_is_unknown_too(assistant):
    """「漁港の活性化」: the casebook's 活性化 is never a fishing port's (before: two regions
    listed from 地域活性化 and 好事例)."""
    answer = assistant.ask("漁港の活性化に取り組んだ事例は？")
    assert answer.kind == "unanswerable" and answer.regions == []
    assert "「漁港の活性化」" in answer.answer


def test_an_unknown_head_of_no_leaves_its_known_modifier_to_be_said(assistant):
    """「事業概要の欄」: a word for the page (欄) is no thing the regions did."""
    answer = assistant.ask("事業概要の欄に「ひぐまっぷ」と載っている地域")
    assert answer.regions == ["南空知圏域"]


def test_a_known_thing_beside_an_unknown_word_is_not_declined_by_that_word(assistant):
    """「ごみ」 is in the casebook, 「一緒」 is not: the list may not say 「一緒」 is never mentioned."""
    answer = assistant.ask("ごみの出し方を一緒に見直したところはありますか")
    assert "「一緒」" not in answer.answer


def test_the_request_done_to_the_regions_is_not_a_topic(assistant):
    answer = assistant.ask("ポスターを作った地域を一覧化してください")
    assert "日高連携地域" in answer.regions


def test_a_compound_is_said_by_its_most_specific_part(assistant):
    """A sentence with only the compound's generic part (対策) does not say it. Before: 日高 was
    quoted with a sentence on ICT, and 「地域医療対策事業」 followed as possibly related."""
    answer = assistant.ask("有害鳥獣対策の取組をしている地域は")
    assert "日高連携地域" in answer.regions
    assert all("鳥獣" in c.quote or "ヒグマ" in c.quote for c in answer.citations if c.region in answer.regions)


def test_a_compound_is_said_by_the_part_before_its_head_too(assistant):
    """ごみ処理: the casebook says ごみ more often than 処理, so 処理 was the rarest part and the
    only one that counted; 留萌南部's sentences on sorting ごみ (no 処理 in them) did not say it.
    A part before the compound's head narrows it as well."""
    answer = assistant.ask("ごみ処理に力を入れている連携地域を知りたい")
    assert "留萌南部3市町連携地域" in answer.regions


def test_a_compounds_head_alone_does_not_say_it_but_its_project_may_narrow_it(assistant):
    """Before: the rarest part of a compound counted alone, so 根室's look-back line on 災害 that
    do 被害 was listed for 鳥獣被害. The part before the head may be said by the line's project:
    「・共同備蓄資機材設置訓練」 of 南空知's 「地域防災体制の充実」 is a 防災訓練 (a guard, listed before)."""
    harm = assistant.ask("鳥獣被害への対応を行っている連携地域は")
    assert harm.regions == ["日高連携地域"]
    drill = assistant.ask("防災訓練を実施している連携地域を挙げて")
    assert "南空知圏域" in drill.regions


def test_a_count_of_regions_doing_something_counts_those_regions_not_every_region(assistant):
    """「…した地域は何地域」 counts the regions whose text says it; only a count with nothing
    to count by (「事例集の地域はいくつ」) is every region."""
    topical = assistant.ask("ヒグマの出没やわなの監視に取り組む地域は何地域ありますか")
    assert topical.kind == "aggregate"
    assert {"南空知圏域", "日高連携地域"} <= set(topical.regions) and len(topical.regions) < 5
    every = assistant.ask("連携地域は全部でいくつありますか")
    assert len(every.regions) == 11


def test_a_project_line_is_dated_by_the_year_printed_above_it(assistant):
    """「（R4年度）」 heads the lines under it: a line of that block says what was done that
    year, though it writes no date itself; a table's row of years says nothing at all."""
    answer = assistant.ask("令和4年度に避難所用のテントを購入した連携地域は？")
    assert answer.regions == ["南空知圏域"]
    assert "防災テント" in answer.citations[0].quote
    for question in ("令和5年度に避難所用のテントを購入した連携地域は？", "令和4年度に避難所用のテントを購入した連携地域は？"):
        quotes = [c.quote for c in assistant.ask(question).citations]
        assert not any(re.fullmatch(r"[令和\d年度\s]+", quote) for quote in quotes)  # 「令和5年度 令和6年度」


def test_a_projects_field_asked_of_is_content_not_a_list_of_regions(assistant):
    """「…した取組の成果は」 asks what came of it; 「成果が出た地域は」 asks which regions."""
    content = assistant.ask("医師を呼ぶためにWeb広告を出した取組の成果は？")
    assert content.kind in ("fact", "open") and content.regions == ["遠軽地区連携地域"]
    assert "つながっていない" in content.answer
    regions = assistant.ask("Web広告で医師を募集した地域はどこ？")
    assert regions.kind == "list" and "遠軽地区連携地域" in regions.regions


def test_a_quoted_phrase_is_the_booklets_wording_and_every_listed_sentence_prints_it(assistant):
    answer = assistant.ask("役割として「経費負担」を受け持つ町がある連携地域はどこ？")
    assert {"遠軽地区連携地域", "留萌南部3市町連携地域"} <= set(answer.regions)
    assert answer.citations and all("経費負担" in c.quote for c in answer.citations)


def test_a_value_asked_of_the_listed_regions_follows_the_list(assistant):
    """「…した地域の人口は」: the regions the text lists, then each one's value from the table."""
    answer = assistant.ask("暴風雪の教訓から防災の勉強会を開いている地域の人口を教えて")
    assert answer.kind == "list" and answer.regions == ["根室連携地域"]
    line = next(line for line in answer.answer.split("\n") if line.startswith("根室連携地域の人口は"))
    figure, number = re.search(r"([\d,]+人)\[(\d+)\]", line).groups()
    assert figure in next(c.quote for c in answer.citations if c.n == int(number))  # cited from the table


def test_a_label_written_before_the_regions_is_what_they_did_not_a_value_asked(assistant):
    from assistant.understand.parse import parse

    assert parse("構成団体の役割分担に会場の提供と書いた地域は", assistant._vocabulary).asked_of_regions == ()
    assert parse("ヒグマの対策をした地域の面積は？", assistant._vocabulary).asked_of_regions == ("area",)


def test_a_ranking_over_the_regions_that_did_something_ranks_only_those(assistant):
    """「ヒグマの出没に備えた地域で人口が最も多いのは」: the topical list is the pool, and is shown."""
    topical = assistant.ask("ヒグマの出没に備えた地域はどこ")
    answer = assistant.ask("ヒグマの出没に備えた地域で人口が最も多いのは")
    assert answer.kind == "aggregate" and set(answer.regions) <= set(topical.regions)
    assert f"比較対象：事例集の{len(topical.regions)}地域" in answer.answer
    assert all(region in answer.answer for region in topical.regions)  # each with its sentence


def test_a_towns_figure_the_booklet_gives_only_for_the_region_is_said_to_be_missing(assistant):
    answer = assistant.ask("根室の市町で面積が一番広いのはどこ")
    assert answer.kind == "unanswerable" and "構成市町村ごとの面積の記載がありません" in answer.answer
    assert "根室連携地域全体の面積は" in answer.answer and answer.citations  # the region's own figure, cited


def test_two_attributes_asked_in_one_sentence_are_both_answered(assistant):
    answer = assistant.ask("宗谷の協定はいつ締結されて、人口は何人？")
    assert "締結日" in answer.answer and "人口は" in answer.answer


def test_a_sentence_saying_only_how_regions_relate_does_not_list_them(assistant):
    """Before: 「…と協力している地域」 listed 「滝上町:事務局への協力」 (協力 and nothing of the topic)."""
    answer = assistant.ask("民間のバス事業者と協力している地域を教えて")
    quotes = [line for line in answer.answer.split("\n") if line.startswith("・")]
    assert quotes and all("バス" in quote or "民間" in quote for quote in quotes)


def test_a_records_label_beside_another_thing_does_not_list_every_region_that_prints_it(assistant):
    """Before: 「事務局を町村会が担っている地域」 listed the eight regions whose overview prints
    「事務局担当市町村」 — a label every table has — besides the one whose sentence says 町村会."""
    answer = assistant.ask("事務局を町村会として受け持っているのはどこの地域？")
    quotes = [line for line in answer.answer.split("\n") if line.startswith("・")]
    assert answer.regions and all("町村会" in quote for quote in quotes)
    assert len(answer.regions) < 3


def test_a_counter_after_a_number_does_not_say_the_noun_asked(assistant):
    """「人を呼び込む」: every region's 「人口※ 152,486人」 said 人 by its counter, and all twelve
    regions were listed."""
    answer = assistant.ask("広告で人を呼び込んだ連携地域を教えて")
    assert answer.kind == "list" and 0 < len(answer.regions) <= 3
    assert not any("人口" in c.quote for c in answer.citations)


def test_lemmas_without_counters_keep_the_noun_and_drop_the_counter():
    from index.tokenize import lemmas_without_counters

    assert "人" not in lemmas_without_counters("人口 152,486人")
    assert "人" in lemmas_without_counters("多くの人が集まった")


def test_a_region_whose_line_says_every_word_of_the_topic_is_listed_however_long_the_line(assistant):
    """留萌中北部's line 「・ICT 利活用研修、自治体に求められるDX化研修の実施」 scores under half of
    日高's three-word 「地域 ICT 利活用」 by its length alone; it says the topic as fully."""
    answer = assistant.ask("ICTに関する取り組みを行っている地域はどこですか")
    assert {"日高連携地域", "南空知圏域", "留萌中北部5町村連携地域"} <= set(answer.regions)
    quotes = [c.quote for c in answer.citations if c.region == "留萌中北部5町村連携地域"]
    assert quotes and all("ICT" in quote for quote in quotes)


def test_listed_keeps_the_regions_near_the_best_and_those_saying_the_whole_topic():
    from assistant.answerers.topical import RegionEvidence, listed
    from index.evidence import EvidenceUnit

    def item(region: str, score: float, says_all: bool) -> RegionEvidence:
        unit = EvidenceUnit("d", 0, 1, region, None, "c", "statement", None, "", "…")
        return RegionEvidence(region, score, unit, says_all=says_all)

    regions = [item("A", 1.0, True), item("B", 0.7, False), item("C", 0.3, True), item("D", 0.3, False)]
    assert [r.region for r in listed(regions, keep=0.6)] == ["A", "B", "C"]


def test_a_value_asked_of_every_region_is_each_regions_record(assistant):
    answer = assistant.ask("各連携地域の面積を一覧にしてください")
    assert answer.kind == "aggregate"
    assert len(answer.regions) == 12
    assert "1,294.77" in answer.answer  # 留萌南部's, from its overview table
    assert all(c.region in answer.regions for c in answer.citations)


def test_the_date_of_an_act_asked_of_no_region_is_each_regions_date(assistant):
    answer = assistant.ask("連携協定を締結したのはいつでしたか")
    assert answer.kind == "aggregate"
    assert "令和3年1月7日" in answer.answer and "令和5年1月31日" in answer.answer  # 日高's, 西紋別's
    assert "読み取った条件" not in answer.answer  # no case put to the rule checker
