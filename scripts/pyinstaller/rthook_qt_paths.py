"""PyInstaller runtime hook (see build.spec): tell Qt where its plugins are, without Qt.

It replaces PyInstaller's own PySide6 runtime hook, which imports PySide6.QtCore at the
start of every run (to register a qt.conf that PyPI's relocatable Qt does not need), so
that the bundle's headless commands, like an installed copy's, never load Qt.
"""

import os
import sys

_qt = os.path.join(sys._MEIPASS, "PySide6")  # type: ignore[attr-defined]
if not sys.platform.startswith("win"):
    _qt = os.path.join(_qt, "Qt")
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
del _qt
