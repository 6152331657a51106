# Must run before any Qt drawing: see explorer/ui/_pyside_fixes.py.
from explorer.ui import _pyside_fixes as _pyside_fixes
