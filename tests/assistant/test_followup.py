"""A case built over a chat: one deciding fact asked at a time, the reply read into the
case (plain or polite, yes / no / a number / a sentence), the verdict recomputed."""

import pytest

from assistant.conversation import Conversation
from assistant.rules.extract import extract
from assistant.rules.followup import PendingCase, read_reply


def test_the_chat_asks_one_fact_at_a_time_and_recomputes(assistant):
    chat = Conversation()
    first = assistant.ask(
        "隣り合う5町で組みます。このうち連携中枢都市圏に加盟しているのは2町です。"
        "協定は締結済み、ビジョンも策定済みで、分野は3つ。申請可能でしょうか",
        chat,
    )
    assert first.eligibility["verdict"] == "needs_info"
    assert first.answer.count("まず教えてください") == 1
    second = assistant.ask("地域の代表として町が申請します", chat)
    assert second.eligibility["verdict"] == "eligible"
    assert "申請者：地域を代表する市町村" in second.answer  # shown among the conditions read


@pytest.mark.parametrize(
    "reply, expected",
    [("はい", True), ("いいえ", False), ("受けておりません", False), ("いいえ、受けていません", False), ("受けています", True)],
)
def test_a_bare_reply_answers_the_fact_asked(reply, expected):
    case = extract("ソフト事業で、前進プランに掲載済み、各町共同で行います")
    pending = PendingCase("…", case, "other_subsidy")
    assert read_reply(pending, reply).facts.other_subsidy is expected


def test_a_number_answers_a_count():
    pending = PendingCase("…", extract("定住自立圏に入っている町が1つあります"), "partners")
    assert read_reply(pending, "全部で四町です").facts.partners == 4


def test_a_new_question_is_not_a_reply(assistant):
    chat = Conversation()
    assistant.ask("4町で連携し1町が定住自立圏です。交付対象ですか", chat)
    answer = assistant.ask("日高の事務局はどこですか", chat)
    assert answer.kind != "eligibility" and chat.pending_case is None


def test_a_follow_up_naming_another_region_asks_it_the_same(assistant):
    """「遠軽の面積は？」 then 「じゃあ西紋別は？」: the same value of the region named
    (before: the region's project list)."""
    chat = Conversation()
    assistant.ask("遠軽の面積は？", chat)
    answer = assistant.ask("じゃあ西紋別は？", chat)
    area = assistant.facts.region("西紋別地区町村会連携地域").area_km2.value
    assert answer.regions == ["西紋別地区町村会連携地域"] and f"{area:,.2f}km²" in answer.answer
    again = assistant.ask("留萌南部はどうですか", chat)  # and on, to the next region
    assert "面積" in again.answer.split("\n")[0] and again.regions == ["留萌南部3市町連携地域"]


def test_a_follow_up_after_a_comparison_does_not_take_its_question(assistant):
    chat = Conversation()
    assistant.ask("日高と遠軽の面積を比べて", chat)
    answer = assistant.ask("根室は？", chat)
    assert "面積" not in answer.answer.split("\n")[0]


def test_a_superlative_among_the_last_answers_regions_ranks_only_them(assistant):
    """Before: 「そのうち一番…」 ranked every region of the booklet (そのうち pointed nowhere),
    and a ranking among regions named in the question ranked all of them too."""
    chat = Conversation()
    listed = assistant.ask("地域づくり総合交付金を使っている地域を教えて", chat)
    ranked = assistant.ask("このうち面積がいちばん狭いのはどこ", chat)
    smallest = min((assistant.facts.region(name) for name in listed.regions), key=lambda r: r.area_km2.value)
    assert ranked.kind == "aggregate" and ranked.regions == [smallest.name]
    assert f"お尋ねの{len(listed.regions)}地域" in ranked.answer


def test_a_reply_that_no_partner_is_in_a_scheme_fills_the_half_rule(assistant):
    """Before: after replies of other facts, 「…には入っておりません」 (no count) was no reply:
    the chat took it for a new question and listed regions whose pages mention the scheme."""
    chat = Conversation()
    assistant.ask("5町で連携を予定しています。交付の対象になりますか", chat)
    assistant.ask("申請は協議会で行います", chat)
    assistant.ask("はい、5町は隣り合っています", chat)
    answer = assistant.ask("連携中枢都市圏には入っておりません", chat)
    assert answer.kind == "eligibility" and "1/2以上です" in answer.answer


def test_pointing_back_by_naka_is_the_word_not_the_head_of_a_compound():
    """Before: 「その中心市は？」 became 「日高連携地域心市は？」 (その中 of その中心市)."""
    chat = Conversation()
    chat.remember(["日高連携地域", "根室連携地域"])
    assert "心市" not in chat.resolve("その中心市はどこ？", (), "").replace("中心市", "")
    assert chat.resolve("この中でいちばん古いのは", (), "").startswith("日高連携地域、根室連携地域のうち")


def test_a_follow_up_asking_only_a_projects_field_asks_it_of_the_last_region(assistant):
    """「どんな成果があった？」「大変だったことは？」 after a question about one region's
    project: before, each was a new question over every region (南空知's 成果, 根室's look-back)."""
    chat = Conversation()
    assistant.ask("西紋別の看護師確保の取組について知りたい", chat)
    results = assistant.ask("どんな成果があった？", chat)
    hard = assistant.ask("大変だったことは？", chat)
    assert results.regions == ["西紋別地区町村会連携地域"] and hard.regions == ["西紋別地区町村会連携地域"]


def test_a_follow_up_with_a_topic_of_its_own_is_a_new_question(assistant):
    """Guard (passes before and after): 「防災の取組の成果は」 names its own topic."""
    chat = Conversation()
    assistant.ask("西紋別の看護師確保の取組について知りたい", chat)
    answer = assistant.ask("防災の取組の成果は", chat)
    assert "西紋別地区町村会連携地域" not in answer.regions


@pytest.mark.parametrize(
    "reply, expected",
    [("はい", True), ("必要不可欠です", True), ("不可欠とまでは言えません", False), ("いいえ", False)],
)
def test_a_reply_settles_whether_travel_is_indispensable(reply, expected):
    """Before: the checker asked 「どのような経費（種類と金額）ですか？」 and no reply could
    settle the exception of 第5の2."""
    pending = PendingCase("…", extract("視察に行く職員の旅費は対象経費ですか"), "expenses")
    (travel,) = read_reply(pending, reply).facts.expenses
    assert travel.indispensable is expected


def test_a_reply_naming_permanent_staff_settles_pay_as_not_the_exception():
    pending = PendingCase("…", extract("職員の人件費を事業費に計上できますか"), "expenses")
    (pay,) = read_reply(pending, "正職員の分です").facts.expenses
    assert pay.temporary_staff is False


def test_the_chat_asks_whether_the_expense_is_its_kinds_exception(assistant):
    chat = Conversation()
    first = assistant.ask("交付金で職員の出張旅費は賄えますか", chat)
    assert "必要不可欠と認められるものですか" in first.answer
    second = assistant.ask("はい、必要不可欠な出張です", chat)
    assert second.eligibility["verdict"] == "eligible"
