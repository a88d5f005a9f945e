"""The app in a real browser (Debian's Chromium driven by Playwright, no browser download):
chat, follow-up, rule-checker form, hostile input, and the widget inside a host page —
with every request the pages make checked to stay on the app's (and the host page's) origin.
Screenshots go to artifacts/screenshots/."""

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "artifacts" / "screenshots"

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("the browser test needs Debian's chromium (.ci/run installs it)")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium fonts-noto-cjk)", allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _static_site(folder: Path):
    port = _free_port()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def host_page(tmp_path_factory):
    """A stand-in for the intranet portal: another origin that pastes the widget's one line."""
    folder = tmp_path_factory.mktemp("portal")
    server, origin = _static_site(folder)
    yield folder, origin
    server.shutdown()


@pytest.fixture(scope="module")
def app_url(casebook_index_dir, tmp_path_factory, host_page):
    index = tmp_path_factory.mktemp("served") / "index"
    shutil.copytree(casebook_index_dir, index)
    port = _free_port()
    env = {
        **os.environ,
        "CASEBOOK_INDEX_DIR": str(index),
        "CASEBOOK_DATA_DIR": str(DATA),
        "CASEBOOK_ALLOWED_ORIGINS": host_page[1],
        "CASEBOOK_RATE_LIMIT": "1000",
    }
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port), "--no-ingest"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=2)
            break
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(process.stdout.read()) from None
            time.sleep(0.3)
    else:
        process.kill()
        raise RuntimeError("the app did not start within 90 s")
    print(f"\ncasebook serve answered /healthz after {time.perf_counter() - started:.1f} s")
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    SHOTS.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as driver:
        chromium = driver.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-sync",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, app_url, host_page):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="ja-JP")
    opened = context.new_page()
    requests: list[str] = []
    opened.on("request", lambda request: requests.append(request.url))
    context.on("page", lambda other: other.on("request", lambda request: requests.append(request.url)))
    yield opened
    allowed = {app_url, host_page[1]}
    strays = [
        url
        for url in requests
        if not any(url.startswith(origin) for origin in allowed) and not url.startswith(("data:", "blob:", "about:"))
    ]
    context.close()
    assert strays == [], f"requests that left the app's origin: {strays}"


def _ask(frame, question: str, expect: str):
    """Ask in a page, a frame or a web component (locators reach into all three)."""
    frame.locator("#question textarea").fill(question)
    frame.locator("#send").click()
    frame.locator("#transcript").filter(has_text=expect).wait_for(timeout=30_000)


def test_chat_answers_with_clickable_citations_and_a_sources_panel(page, app_url):
    page.goto(f"{app_url}/")
    page.wait_for_selector("#question textarea", timeout=60_000)
    _ask(page, "共同で採用活動をした地域は？", "西紋別地区町村会連携地域")
    assert page.locator("#transcript a.cite").first.get_attribute("href") == "#src-1-1"
    sources = page.inner_text("#sources")
    assert "西紋別地区町村会連携地域" in sources and "地域専門人材確保対策事業" in sources
    assert "採用活動" in page.inner_text("#sources mark")
    _ask(page, "その地域の事務局は？", "興部町")  # the follow-up keeps its context
    page.screenshot(path=str(SHOTS / "chat.png"), full_page=True)


def test_a_declined_question_says_so(page, app_url):
    page.goto(f"{app_url}/")
    page.wait_for_selector("#question textarea", timeout=60_000)
    _ask(page, "北海道新幹線が札幌まで延びるのはいつ？", "事例集には記載がありません")
    assert page.locator("#transcript .declined").count() == 1


def test_hostile_text_is_shown_not_run(page, app_url):
    page.goto(f"{app_url}/")
    page.wait_for_selector("#question textarea", timeout=60_000)
    hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>[罠](http://evil.example/) ${1+1}'
    page.fill("#question textarea", hostile)
    page.click("#send")
    page.wait_for_function("() => document.querySelector('#transcript').innerText.includes('<script>')", timeout=30_000)
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#transcript img").count() == 0
    assert page.locator("#transcript a[href^='http']").count() == 0
    assert "${1+1}" in page.inner_text("#transcript")
    page.screenshot(path=str(SHOTS / "hostile.png"), full_page=True)


def _open_form(page, app_url, **typed: str) -> None:
    """The rule-checker tab, with text fields typed in (keyword = element id, _ for -)."""
    page.goto(f"{app_url}/")
    page.get_by_role("tab", name="交付要件チェック").click()
    for element_id, value in typed.items():
        page.fill(f"#{element_id.replace('_', '-')} textarea", value)


def test_rule_checker_form_gives_verdict_with_clause(page, app_url):
    _open_form(page, app_url, partners="３", partners_in_scheme="2", total_cost="834万5千円")
    page.click("#check")
    page.wait_for_selector("#verdict .verdict", timeout=30_000)
    verdict = page.inner_text("#verdict")
    assert "判定：対象外" in verdict
    assert "実施要綱 第2の2" in verdict
    # the clause text itself is there, folded under its clause id
    assert "2分の1を超える場合は交付対象としない" in page.locator("#verdict").text_content()
    page.screenshot(path=str(SHOTS / "check.png"), full_page=True)


def _choose(page, element_id: str, choice: str) -> None:
    page.locator(f"#{element_id} label", has_text=choice).first.click()


def test_the_form_filled_as_the_rules_require_reaches_eligible_with_the_amount(page, app_url):
    _open_form(page, app_url, partners="四", partners_in_scheme="1", policy_fields="2", support_year="2")
    for element_id, choice in [
        ("adjacent", "はい"),
        ("agreement-concluded", "済み"),
        ("vision-adopted", "済み"),
        ("applicant", "地域（市町村）"),
        ("soft-project", "ソフト事業"),
        ("in-forward-plan", "はい"),
        ("in-vision", "はい"),
        ("joint-project", "はい"),
        ("other-subsidy", "いいえ"),
        ("funded-body-grant", "いいえ"),
        ("re-subsidy", "いいえ"),
        ("for-profit", "いいえ"),
        ("loss-compensation", "いいえ"),
    ]:
        _choose(page, element_id, choice)
    # an expense typed as officers type it: 「12万円」 in the table
    for cell, value in (("cell-0-0", "講師謝金"), ("cell-0-1", "12万円")):
        page.locator(f'#expenses [data-testid="{cell}"]').dblclick()
        editor = page.locator(f'#expenses [data-testid="{cell}"] textarea, #expenses [data-testid="{cell}"] input').first
        editor.wait_for(state="visible", timeout=10_000)  # typing before the editor opens loses keys
        editor.fill(value)
        page.keyboard.press("Enter")
    page.fill("#total-cost textarea", "八百二十万円")
    page.click("#check")
    page.wait_for_selector("#verdict .verdict, #verdict .declined", timeout=30_000)
    verdict = page.inner_text("#verdict")
    page.screenshot(path=str(SHOTS / "check-eligible.png"), full_page=True)
    assert "判定：対象" in verdict and "判定：対象外" not in verdict, verdict[:400]
    assert "交付額：8,200,000円" in verdict
    assert "could not convert" not in verdict
    page.screenshot(path=str(SHOTS / "check-eligible.png"), full_page=True)


def test_the_form_answers_bad_input_in_japanese(page, app_url):
    _open_form(page, app_url, support_year="0")
    page.click("#check")
    page.wait_for_selector("#verdict .declined", timeout=30_000)
    assert "1以上の数字" in page.inner_text("#verdict")


def test_widget_in_a_portal_page_opens_the_compact_chat(page, app_url, host_page):
    folder, origin = host_page
    (folder / "portal.html").write_text(
        "<!doctype html><html lang='ja'><head><meta charset='utf-8'><title>ポータル</title></head><body>"
        "<h1>庁内ポータル</h1><p>お知らせ</p>"
        f"<script src='{app_url}/widget.js' data-greeting='事例集について質問できます' data-open-on-load='true' "
        "data-height='620'></script></body></html>",
        encoding="utf-8",
    )
    page.goto(f"{origin}/portal.html")
    page.wait_for_selector("#casebook-widget-panel iframe", timeout=30_000)
    frame = page.frame_locator("#casebook-widget-panel iframe")
    frame.locator("#question textarea").fill("防災分野で連携している地域を教えて")
    frame.locator("#send").click()
    frame.locator("#transcript a.cite").first.wait_for(timeout=30_000)
    assert "南空知圏域" in frame.locator("#transcript").inner_text()
    assert "防災 ○" in frame.locator("#sources").inner_text()
    page.screenshot(path=str(SHOTS / "widget.png"), full_page=True)


def test_gradio_client_gets_the_ask_json(app_url):
    from gradio_client import Client

    client = Client(f"{app_url}/", verbose=False)
    answer = client.predict("3町のうち2町が定住自立圏に入っていても交付の対象になる？", api_name="/ask")
    assert answer["kind"] == "eligibility" and answer["eligibility"]["verdict"] == "not_eligible"
    verdict = client.predict({"total_cost_yen": 8345000}, api_name="/check")
    assert verdict["grant_yen"] == 8300000


def _in_view(page, selector: str) -> bool:
    """Whether the element's top lies inside the transcript's scroll box."""
    return page.evaluate(
        """([selector]) => {
            const box = document.querySelector('#transcript .transcript').getBoundingClientRect();
            const item = document.querySelector(selector).getBoundingClientRect();
            return item.top >= box.top - 1 && item.top < box.bottom;
        }""",
        [selector],
    )


def test_chat_keeps_every_turns_sources_shows_the_newest_and_copies_and_exports(page, app_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_url)
    page.goto(f"{app_url}/")
    page.wait_for_selector("#question textarea", timeout=60_000)
    _ask(page, "日高の事務局はどこ？", "新ひだか町")
    _ask(page, "釧路の連携地域には市町村がいくつ入っていますか", "構成市町村数は8")
    _ask(page, "防災分野で連携している地域を教えて", "南空知圏域")

    assert _in_view(page, "#turn-3")  # the newest answer starts inside the box, not cut off
    page.locator("#turn-1 a.cite").first.click()
    assert page.locator("#transcript #src-1-1").count() == 1  # turn 1's [1] still has its source
    page.wait_for_function("() => document.querySelector('#src-1-1').classList.contains('flash')")
    assert _in_view(page, "#src-1-1")

    page.locator("#turn-1 .copy-answer").click()
    page.locator("#turn-1 .copy-answer").filter(has_text="コピーしました").wait_for(timeout=5_000)
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.startswith("質問：日高の事務局はどこ？") and "新ひだか町" in copied and "出典：" in copied

    with page.expect_download() as download:
        page.locator("#transcript .export-md").click()
    markdown = Path(download.value.path()).read_text(encoding="utf-8")
    assert "## 質問1：日高の事務局はどこ？" in markdown and "## 質問3：防災分野で連携している地域を教えて" in markdown
    assert "**出典**" in markdown
    page.screenshot(path=str(SHOTS / "chat-turns.png"), full_page=True)


def test_the_question_box_counts_characters_and_says_when_it_is_full(page, app_url):
    page.goto(f"{app_url}/")
    page.wait_for_selector("#question textarea", timeout=60_000)
    page.locator("#question textarea").fill("交付金の上限は？")
    page.locator("#char-count").filter(has_text="8 / 500字").wait_for(timeout=5_000)
    page.locator("#question textarea").fill("あ" * 600)  # the box keeps 500 and says so
    page.locator("#char-count .full").filter(has_text="上限です").wait_for(timeout=5_000)
    assert len(page.locator("#question textarea").input_value()) == 500


def test_the_gradio_web_component_from_the_portal_answers(page, app_url, host_page):
    folder, origin = host_page
    (folder / "component.html").write_text(
        "<!doctype html><html lang='ja'><head><meta charset='utf-8'><title>ポータル</title>"
        f"<script type='module' src='{app_url}/gradio.js'></script></head><body><h1>庁内ポータル</h1>"
        f"<gradio-app src='{app_url}/embed/'></gradio-app></body></html>",
        encoding="utf-8",
    )
    page.goto(f"{origin}/component.html")
    page.locator("#question textarea").wait_for(timeout=60_000)
    _ask(page, "日高の事務局はどこ？", "新ひだか町")
    page.screenshot(path=str(SHOTS / "web-component.png"), full_page=True)


def test_a_portal_that_may_not_embed_the_app_shows_a_japanese_reason(browser, app_url, tmp_path):
    server, elsewhere = _static_site(tmp_path)  # not in CASEBOOK_ALLOWED_ORIGINS
    (tmp_path / "frame.html").write_text(
        f"<!doctype html><html lang='ja'><head><meta charset='utf-8'></head><body><iframe src='{app_url}/embed/'></iframe></body></html>",
        encoding="utf-8",
    )
    context = browser.new_context(locale="ja-JP")
    try:
        page = context.new_page()
        page.goto(f"{elsewhere}/frame.html")
        page.frame_locator("iframe").locator("body").filter(has_text="埋め込みを許可するサイト").wait_for(timeout=30_000)
        page.screenshot(path=str(SHOTS / "embed-refused.png"))
    finally:
        context.close()
        server.shutdown()
