"""The language server's entry: the server with every feature registered, on stdin and stdout."""
from __future__ import annotations

from toolkit.editor import lsp_handlers
from toolkit.editor.lsp_stream import start_io


def serve() -> None:
    """Run the language server on stdin and stdout until the client says exit."""
    start_io(lsp_handlers.server)
