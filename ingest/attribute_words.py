"""The overview table's labels and the words officers use for each: one table for the
question reader (assistant/understand) and for the fact cards written at ingest."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AttributeWords:
    """How a question names one record attribute: the table label, other nouns for it,
    the counters of its values (人, km2) and the adjectives that compare it (広い); and the
    kind of answer its value is (answer_type.AnswerType.kind), so 「委員は何人」 is not read
    as asking for a date because 「ビジョン懇談会」 holds ビジョン."""

    label: str
    nouns: tuple[str, ...]
    counters: tuple[str, ...] = ()
    more: tuple[str, ...] = ()  # adjectives for larger values (広い)
    less: tuple[str, ...] = ()
    is_date: bool = False
    answer_kind: str = "count"
    # When the counter also counts other things (人: participants, hires), the words that
    # mean this attribute when 「何人」 counts them (住む); a count of anything else (参加) is
    # a case's figure, not the table's.
    counted: tuple[str, ...] = ()
    # The label written loosely: a question that holds one word of each part names the
    # attribute (「交付金の額」, 「構成している市町」, 「どの町で構成」) — read only when no
    # label or noun is written whole.
    parts: tuple[tuple[str, ...], ...] = ()


# The overview table's labels (「構成市町村数」「人口」「面積」…) and the words for them.
ATTRIBUTES: dict[str, AttributeWords] = {
    "member_count": AttributeWords(
        "構成市町村数",
        ("構成市町村数", "市町村数", "構成市町村の数", "構成町村数", "構成市町数", "町村数", "市町数"),
        ("市町村", "町村", "市町", "町", "市", "村", "団体", "自治体"),
    ),
    "members": AttributeWords(
        "構成市町村",
        ("構成市町村", "構成団体", "メンバー"),
        answer_kind="name",
        parts=(("構成",), ("市町村", "市町", "町村", "市", "町", "村", "自治体", "団体")),
    ),
    "population": AttributeWords("人口", ("人口",), ("人",), counted=("人口", "住む", "暮らす", "住民", "居住", "在住")),
    "area": AttributeWords("面積", ("面積",), ("km2", "km²", "平方キロ", "平方キロメートル"), ("広い",), ("狭い",)),
    "grant": AttributeWords(
        "交付額",
        ("交付額", "見込額", "交付金額", "金額", "交付金活用見込額"),
        ("円",),
        answer_kind="money",
        parts=(("交付金",), ("額",)),
    ),
    "agreement_date": AttributeWords("地域連携協定の締結日", ("協定", "連携協定", "形成協定"), is_date=True, answer_kind="date"),
    "vision_date": AttributeWords("地域連携ビジョンの策定日", ("ビジョン", "共生ビジョン"), is_date=True, answer_kind="date"),
    "secretariat": AttributeWords("事務局担当市町村", ("事務局", "中心市", "取りまとめ役", "幹事"), answer_kind="name"),
}


def card_label(attribute: str) -> str:
    """「面積（広い・狭い）」: the table's label with the other words for it."""
    words = ATTRIBUTES[attribute]
    extra = [word for word in (*words.nouns, *words.more, *words.less) if word != words.label]
    return words.label + (f"（{'・'.join(extra)}）" if extra else "")
