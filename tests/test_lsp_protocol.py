"""The server's wire: every request answered, also with bad parameters, a wrong Content-Length or a
document too long to check as typed. A raw client writes the bytes itself."""
from __future__ import annotations

import asyncio
import contextlib
import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT
from toolkit.editor import lsp_stream


class Raw:
    """The server in a process, and the messages it sends, parsed, in a queue."""

    def __init__(self, tmp_path: Path):
        environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen([sys.executable, "-m", "toolkit", "lsp"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=environment)
        self.messages: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.process.stdout
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                byte = out.read(1)
                if not byte:
                    return
                header += byte
            length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
            self.messages.put(json.loads(out.read(length)))

    def send(self, message: dict, length_change: int = 0, flush: bool = True) -> None:
        body = json.dumps(message).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body) + length_change, body))
        if flush:
            self.process.stdin.flush()

    def request(self, ident: int, method: str, params: dict, **how) -> None:
        self.send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params}, **how)

    def notify(self, method: str, params: dict) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def answer(self, ident: int, seconds: float = 30) -> dict:
        """The response to a request (notifications on the way are kept in `seen`)."""
        while True:
            message = self.messages.get(timeout=seconds)
            if message.get("id") == ident and "method" not in message:
                return message

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):  # the server is gone; what it had not read is lost with it
                stream.close()


@pytest.fixture
def raw(tmp_path: Path):
    client = Raw(tmp_path)
    client.request(1, "initialize", {"processId": None, "rootUri": None, "capabilities": {},
                                     "initializationOptions": {"debounce": 0}})
    assert "capabilities" in client.answer(1)["result"]
    client.notify("initialized", {})
    yield client
    client.close()


ON_DISK = (FIXTURES / "lsp" / "harbour" / "draft.fountain").as_uri()


def _hover(line: int, character: int, uri: str = ON_DISK) -> dict:
    return {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}


def test_bad_parameters_get_invalid_params(raw: Raw):
    raw.request(2, "textDocument/hover", _hover(-1, 0))  # a negative position
    assert raw.answer(2)["error"]["code"] == -32602
    raw.request(3, "textDocument/hover", {"position": {"line": 0, "character": 0}})  # no document
    assert raw.answer(3)["error"]["code"] == -32602
    raw.request(4, "textDocument/references", _hover(0, "a"))
    assert raw.answer(4)["error"]["code"] == -32602
    raw.request(5, "textDocument/hover", _hover(0, 3, "file:///nowhere/x.fountain"))  # neither open nor on disk
    assert raw.answer(5)["error"]["code"] == -32602
    raw.request(6, "textDocument/hover", _hover(10_000, 3))  # past the end: no hover, but an answer
    assert raw.answer(6) == {"jsonrpc": "2.0", "id": 6, "result": None}


def test_a_wrong_content_length_is_survived(raw: Raw):
    raw.request(2, "textDocument/hover", _hover(0, 0), length_change=40)  # promises more than it sends
    assert raw.answer(2)["result"] is None
    raw.request(3, "textDocument/hover", _hover(0, 0), length_change=25, flush=False)  # and the next one follows
    raw.request(4, "textDocument/hover", _hover(0, 0))
    assert raw.answer(3)["result"] is None and raw.answer(4)["result"] is None
    raw.request(5, "textDocument/hover", _hover(0, 0), length_change=-6, flush=False)  # promises less
    raw.request(6, "textDocument/hover", _hover(0, 0))
    assert "id" in raw.answer(5) and raw.answer(6)["result"] is None
    raw.process.stdin.write(b"garbage without a header\r\n\r\n")
    raw.request(7, "shutdown", None)
    assert raw.answer(7)["result"] is None


def test_a_document_too_long_is_not_checked_as_typed(raw: Raw, tmp_path: Path):
    story = tmp_path / "harbour"
    story.mkdir()
    (story / "bible.yaml").write_bytes((FIXTURES / "lsp" / "harbour" / "bible.yaml").read_bytes())
    text = "INT. ROOM - DAY\n\n" + "Mara looks out of the window and waits for the fog.\n" * 50_000
    uri = (story / "draft.fountain").as_uri()
    raw.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "fountain", "version": 1,
                                                         "text": text}})
    while True:
        message = raw.messages.get(timeout=60)
        if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
            break
    (diagnostic,) = message["params"]["diagnostics"]
    assert "more than the editor checks as you type" in diagnostic["message"]
    raw.request(2, "textDocument/hover", _hover(2, 1, uri))
    assert "result" in raw.answer(2)


def test_a_message_over_the_limit_is_skipped_and_answered(monkeypatch):
    monkeypatch.setattr(lsp_stream, "MAX_MESSAGE_BYTES", 100)
    read, write = os.pipe()
    big = json.dumps({"jsonrpc": "2.0", "id": 9, "method": "x", "params": {"text": "a" * 500}}).encode()
    small = b'{"jsonrpc": "2.0", "id": 10, "method": "y"}'
    os.write(write, b"Content-Length: %d\r\n\r\n%s" % (len(big), big))
    os.write(write, b"Content-Length: %d\r\n\r\n%s" % (len(small), small))
    os.close(write)

    async def bodies() -> list[bytes]:
        incoming = lsp_stream.Incoming(read)
        return [await lsp_stream.next_body(incoming) for _ in range(3)]

    first, second, end = asyncio.run(bodies())
    os.close(read)
    error = lsp_stream._error_for(first, lsp_stream.INVALID_REQUEST, "too long")
    assert error["id"] == 9 and error["error"]["code"] == -32600
    assert second == small and end is None
