import pytest

from ingest.loaders import load_document
from ingest.normalize import normalize_document, normalize_text


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("ＩＣＴインフラ（Ｒ５年度）", "ICTインフラ(R5年度)"),  # NFKC
        ("※蘭 越 町は令和４年３月18日に", "※蘭越町は令和4年3月18日に"),  # letter-spaced name
        ("連携協定締結 令和 2年 10月 9日", "連携協定締結 令和2年10月9日"),  # spaced date
        ("平成 27 年度から", "平成27年度から"),
        ("各 市 町：データを提供", "各市町:データを提供"),
        ("- 12 -", ""),  # page footer
        ("本文\nあ\n次の行", "本文\n次の行"),  # stray picture mark
        ("① 地域特性の把握", "① 地域特性の把握"),  # circled numbers keep their list level
        ("事業名 圏域基礎調査", "事業名 圏域基礎調査"),  # the label's cell gap stays
    ],
)
def test_normalize_line_cases(raw, expected):
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        # a paragraph the PDF wrapped is joined without a space between Japanese characters
        (
            "住民の通勤・通学、買物をはじめとした日常生活での結びつきに加\nえて、観光や医療における連携など",
            "住民の通勤・通学、買物をはじめとした日常生活での結びつきに加えて、観光や医療における連携など",
        ),
        # Latin words across the break keep one space
        (
            "新たな情報通信インフラを持続的に提供するための行政サービス ICT\nplatform の検討",
            "新たな情報通信インフラを持続的に提供するための行政サービス ICT platform の検討",
        ),
        # a sentence end, a bullet or a short cell line stops the join
        ("取組を支援しています。\n次の段落です。", "取組を支援しています。\n次の段落です。"),
        (
            "・圏域内の防災担当職員を対象とした合同研修会の実施について\n・共同備蓄資機材設置訓練",
            "・圏域内の防災担当職員を対象とした合同研修会の実施について\n・共同備蓄資機材設置訓練",
        ),
        ("連携により得\nられた成果又", "連携により得\nられた成果又"),
        # a table row (cells separated by spaces) is never glued to the next row
        (
            "遠軽地区連携地域 遠軽町、佐呂間町、湧別町 ・地域医療対策事業\n西紋別地区町村会",
            "遠軽地区連携地域 遠軽町、佐呂間町、湧別町 ・地域医療対策事業\n西紋別地区町村会",
        ),
        # a clause heading never swallows its first sentence
        (
            "第3 地域づくり総合交付金(広域連携加速化事業)による支援\n国の広域連携制度の活用が困難な市町村等が",
            "第3 地域づくり総合交付金(広域連携加速化事業)による支援\n国の広域連携制度の活用が困難な市町村等が",
        ),
        # a member's line of a table of roles starts its own line, its name spaced out or not
        (
            "中央町：会場の確保、講師との日程調整、参加者名簿の取りまとめ\n北 浜 村：参加者の派遣",
            "中央町:会場の確保、講師との日程調整、参加者名簿の取りまとめ\n北浜村:参加者の派遣",
        ),
        (
            "東川町(部会長)：各町の意見集約、委託業者との調整・契約の事務\n各町：周知と意見の提出",
            "東川町(部会長):各町の意見集約、委託業者との調整・契約の事務\n各町:周知と意見の提出",
        ),
        # a member named at length (a prefectural office of ten characters)
        (
            "管内全市町村：研修への参加、講師との日程の調整と会場の確保などへの協力\n北海道空知総合振興局：講師の紹介",
            "管内全市町村:研修への参加、講師との日程の調整と会場の確保などへの協力\n北海道空知総合振興局:講師の紹介",
        ),
    ],
)
def test_line_joining(raw, expected):
    assert normalize_text(raw) == expected


def test_pages_are_kept_and_located(tmp_path):
    from tests.ingest.pdf_fixtures import write_pdf

    pdf = write_pdf(tmp_path / "two.pdf", [["一ページ目の本文です。"], ["二ページ目の本文です。"]])
    doc = normalize_document(load_document(pdf))
    assert doc.page_at(doc.text.index("一ページ目")) == 1
    assert doc.page_at(doc.text.index("二ページ目")) == 2


def test_text_sources_have_no_pages(kitami):
    assert kitami.parsed.doc.page_at(100) is None
