"""One window's document in a process of its own, driven a line at a time by a test.

Reads JSON commands on stdin (`{"op": "edit_person", "person_id": "dana", "title": "COO"}`),
calls that `Document` method (or `open`, `check`, `undo`, `redo`, `close`), and answers one
JSON line: the method's result, what the document said (`refused`, `reloaded`) and the deal as
its model holds it. Two of these are two windows on one deal, as a seller gets by opening it
from the recent list and from a file manager.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication

from consensus_map.app.document import Document
from consensus_map.interchange import deal_to_json
from consensus_map.store import open_deal_file


def main() -> None:
    app = QGuiApplication([])  # noqa: F841 (Qt needs it alive)
    document: Document | None = None
    refused: list[str] = []
    reloaded: list[str] = []
    for line in sys.stdin:
        command: dict[str, Any] = json.loads(line)
        op = command.pop("op")
        refused.clear()
        reloaded.clear()
        result: object = None
        if op == "open":
            file = open_deal_file(command["path"])
            document = Document(file.deal, file, defer_analysis=True)
            document.edit_refused.connect(refused.append)
            document.file_reloaded.connect(reloaded.append)
        else:
            assert document is not None
            if op == "close":
                document.close()
            elif op == "check":
                result = document.check_file()
            elif op in ("undo", "redo"):
                getattr(document.undo_stack, op)()
            else:
                result = getattr(document, op)(**command)
        state = deal_to_json(document.deal) if document is not None else None
        answer = {"result": result, "refused": refused, "reloaded": reloaded, "deal": state}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
