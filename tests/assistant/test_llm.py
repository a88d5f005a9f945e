"""The optional LLM path, against a small local HTTP server that speaks the OpenAI chat
API. That server is a test double at the network boundary (no model runs); everything
behind it — llama-index's OpenAILike client, the prompt, the citation checks, the
fallback — is the real code."""

import json
import threading
import time
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.service import Assistant


class FakeOpenAI:
    def __init__(self):
        self.replies: list[tuple[int, str, float]] = []  # (status, content, delay seconds)
        self.requests: list[dict] = []
        handler = self._handler()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append({"path": self.path, "body": body})
                status, content, delay = fake.replies.pop(0) if fake.replies else (200, "", 0)
                time.sleep(delay)
                payload = {
                    "id": "chatcmpl-test",
                    "object": "chat.completion",
                    "created": 0,
                    "model": body.get("model"),
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                }
                data = json.dumps(payload if status == 200 else {"error": {"message": "boom"}}).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

        return Handler


@pytest.fixture
def fake_llm():
    fake = FakeOpenAI()
    fake.thread.start()
    yield fake
    fake.server.shutdown()


@pytest.fixture
def assistant(casebook_settings, fake_llm):
    settings = casebook_settings.with_(llm="openai", llm_url=fake_llm.url, llm_model="test-model", llm_timeout=1.0)
    with Assistant(settings) as opened:
        yield opened


QUESTION = "日高の地域ICT利活用促進事業ではどんな実証試験をした？"


def test_a_grounded_answer_is_used_with_its_citations(assistant, fake_llm):
    fake_llm.replies.append((200, "センサーカメラでヒグマ等の捕獲用罠を監視する実証試験を行いました[1]。", 0))
    answer = assistant.ask(QUESTION)
    assert answer.answer.startswith("センサーカメラ")
    assert [c.n for c in answer.citations] == [1]
    assert answer.citations[0].region == "日高連携地域"
    prompt = fake_llm.requests[0]["body"]["messages"][-1]["content"]
    assert unicodedata.normalize("NFKC", QUESTION) in prompt and "[1] (日高連携地域" in prompt
    assert fake_llm.requests[0]["body"]["model"] == "test-model"


@pytest.mark.parametrize(
    "reply",
    [
        "センサーカメラの実証試験です[9]。",  # a passage that does not exist
        "センサーカメラの実証試験です。",  # no citation at all
        "釧路地域でもセンサーカメラを使いました[1]。",  # a region its citations do not back
    ],
)
def test_an_answer_failing_the_citation_check_falls_back_to_offline(assistant, fake_llm, reply):
    fake_llm.replies.append((200, reply, 0))
    answer = assistant.ask(QUESTION)
    assert answer.answer != reply
    assert "釧路" not in answer.answer
    assert answer.citations and all(f"[{c.n}]" in answer.answer for c in answer.citations)


def test_a_timeout_falls_back_quickly(assistant, fake_llm):
    # the endpoint would answer after 30 s; with the 1 s timeout the offline answer comes
    # long before (the bound is loose so a loaded CI machine does not fail it)
    fake_llm.replies.append((200, "遅すぎる回答[1]", 30.0))
    started = time.perf_counter()
    answer = assistant.ask(QUESTION)
    assert time.perf_counter() - started < 15
    assert "遅すぎる" not in answer.answer and answer.citations


def test_an_http_error_falls_back(assistant, fake_llm):
    fake_llm.replies.append((500, "", 0))
    answer = assistant.ask(QUESTION)
    assert answer.citations and answer.kind in ("fact", "open")


def test_a_declined_question_is_unanswerable(assistant, fake_llm):
    fake_llm.replies.append((200, "事例集には記載がありません。", 0))
    answer = assistant.ask("北海道新幹線が札幌まで延びるのはいつ？")
    assert answer.kind == "unanswerable"


@pytest.mark.parametrize(
    "question",
    ["3町のうち2町が定住自立圏に入っていても交付の対象になる？", "防災分野で連携している地域を教えて", "日高連携地域の事務局は？"],
)
def test_verdicts_and_sets_never_come_from_the_llm(assistant, fake_llm, question):
    assistant.ask(question)
    assert fake_llm.requests == []
