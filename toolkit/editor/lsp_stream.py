"""The server's side of the wire: LSP messages framed by `Content-Length`, read so that no client can
stall it.

pygls's own loop waits forever for a body longer than the one sent, loses the messages after a body
shorter than its header says, and drops a request whose parameters do not fit the protocol without an
answer. This loop finds the next header after a wrong length, answers every request it cannot read
with a JSON-RPC error (InvalidParams for parameters of the wrong shape), and skips bodies over
MAX_MESSAGE_BYTES unread.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import sys
import threading

from pygls.exceptions import JsonRpcInvalidParams

MAX_MESSAGE_BYTES = 64_000_000
QUIET_SECONDS = 0.5  # a body shorter than its header says is taken as whole after this long without data
_CHUNK = 1 << 16
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_LENGTH = re.compile(rb"content-length[ \t]*:[ \t]*(\d+)", re.IGNORECASE)
_NEXT_HEADER = re.compile(rb"content-length[ \t]*:", re.IGNORECASE)
_ID = re.compile(rb'"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")')
PARSE_ERROR, INVALID_REQUEST, INVALID_PARAMS, INTERNAL_ERROR = -32700, -32600, -32602, -32603

logger = logging.getLogger(__name__)


class Incoming:
    """Bytes from a file descriptor, read in a worker thread so the event loop can wait with a timeout."""

    def __init__(self, fd: int):
        self.fd = fd
        self.buffer = bytearray()
        self.closed = False
        self._pending: asyncio.Future | None = None

    async def more(self, timeout: float | None = None) -> bool:
        """Read what comes next into the buffer; False when nothing came within `timeout` or input ended."""
        if self.closed:
            return False
        if self._pending is None:
            self._pending = asyncio.get_running_loop().run_in_executor(None, os.read, self.fd, _CHUNK)
        try:
            data = await asyncio.wait_for(asyncio.shield(self._pending), timeout)
        except TimeoutError:
            return False
        self._pending = None
        if not data:
            self.closed = True
            return False
        self.buffer += data
        return True


def _json_prefix(data: bytes) -> bytes | None:
    """The JSON value data begins with, when it is one whole value followed by nothing but space."""
    try:
        json.loads(data)
        return data
    except ValueError:
        return None


async def next_body(incoming: Incoming) -> bytes | None:
    """The next message body, or None when the input has ended. Wrong lengths are survived."""
    while True:
        header = _HEADER_END.search(incoming.buffer)
        while header is None:
            if not await incoming.more():
                return None
            header = _HEADER_END.search(incoming.buffer)
        lengths = _LENGTH.findall(incoming.buffer[:header.start()])
        start = header.end()
        if not lengths:  # no header at all: what came is noise; look for the next one
            logger.error("a message without Content-Length was skipped")
            del incoming.buffer[:start]
            continue
        length = int(lengths[-1])
        if length > MAX_MESSAGE_BYTES:
            return await _skip(incoming, start, length)
        return await _body(incoming, start, length)


async def _skip(incoming: Incoming, start: int, length: int) -> bytes:
    """Drop a body too long to read; what is returned names its id so the request is still answered."""
    head = bytes(incoming.buffer[start:start + 4096])
    remaining = start + length
    while len(incoming.buffer) < remaining:
        remaining -= len(incoming.buffer)
        incoming.buffer.clear()
        if not await incoming.more():
            break
    del incoming.buffer[:remaining]
    found = _ID.search(head)
    return b'{"storybible-too-long": %d, "id": %s}' % (length, found.group(1) if found else b"null")


async def _body(incoming: Incoming, start: int, length: int) -> bytes:
    while len(incoming.buffer) - start < length:
        if await incoming.more(QUIET_SECONDS):
            continue
        whole = _json_prefix(bytes(incoming.buffer[start:]).strip()) if len(incoming.buffer) > start else None
        if whole is not None or incoming.closed:  # the header promised more than was sent
            del incoming.buffer[:]
            return whole or b""
    body = bytes(incoming.buffer[start:start + length])
    if _json_prefix(body) is None:
        following = _NEXT_HEADER.search(body)
        if following is not None:  # the header promised more: the next message began inside the body
            del incoming.buffer[:start + following.start()]
            return body[:following.start()]
        later = _NEXT_HEADER.search(incoming.buffer, start + length)
        if later is not None and _json_prefix(bytes(incoming.buffer[start:later.start()])) is not None:
            body = bytes(incoming.buffer[start:later.start()])  # the header promised less
            del incoming.buffer[:later.start()]
            return body
    del incoming.buffer[:start + length]
    return body


def _error_for(body: bytes, code: int, message: str) -> dict | None:
    """The error response for a request that could not be handled; None for a notification."""
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    if isinstance(data, dict):
        if "id" not in data or data.get("method") is None and "storybible-too-long" not in data:
            return None
        ident = data["id"]
    else:
        found = _ID.search(body[:4096])
        ident = json.loads(found.group(1)) if found else None
    return {"jsonrpc": "2.0", "id": ident, "error": {"code": code, "message": message}}


def handle(protocol, body: bytes) -> dict | None:
    """Hand one body to pygls; the error response to send when it cannot be handled."""
    if body.startswith(b'{"storybible-too-long"'):
        return _error_for(body, INVALID_REQUEST, f"message longer than {MAX_MESSAGE_BYTES} bytes; not read")
    try:
        message = json.loads(body, object_hook=protocol.structure_message)
    except JsonRpcInvalidParams:
        return _error_for(body, INVALID_PARAMS, "parameters do not match the protocol")
    except ValueError:
        return _error_for(body, PARSE_ERROR, "message is not JSON") or {
            "jsonrpc": "2.0", "id": None, "error": {"code": PARSE_ERROR, "message": "message is not JSON"}}
    except Exception:
        return _error_for(body, INVALID_REQUEST, "message does not match the protocol")
    if not hasattr(message, "jsonrpc"):
        return _error_for(body, INVALID_REQUEST, "not a JSON-RPC message")
    try:
        protocol.handle_message(message)
    except Exception:
        logger.exception("unable to handle a message")
        return _error_for(body, INTERNAL_ERROR, "the server failed on this message")
    return None


def send_raw(writer, data: dict) -> None:
    body = json.dumps(data).encode("utf-8")
    writer.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))


async def _loop(server, incoming: Incoming, writer) -> None:
    while not server._stop_event.is_set():
        body = await next_body(incoming)
        if body is None:
            break
        if not body:
            continue
        error = handle(server.protocol, body)
        if error is not None:
            send_raw(writer, error)


def start_io(server) -> None:
    """Serve LSP on stdin and stdout with this loop in place of pygls's."""
    from pygls.io_ import StdoutWriter

    server._stop_event = threading.Event()
    writer = StdoutWriter(sys.stdout.buffer)
    server.protocol.set_writer(writer)
    status = 0
    try:
        asyncio.run(_loop(server, Incoming(sys.stdin.fileno()), writer))
    except BrokenPipeError:
        logger.error("the client is gone")
    except SystemExit as exit_:
        status = exit_.code if isinstance(exit_.code, int) else 0
    except KeyboardInterrupt:
        pass
    server.shutdown()
    os._exit(status)  # a worker thread may still wait on stdin
