# PyInstaller runtime hook: pyvis imports ``IPython.display.IFrame`` at module level only to
# show graphs inside Jupyter notebooks, which the desktop app never does. Shipping IPython
# (with jedi, prompt_toolkit …) for that import would add tens of megabytes, so the bundle
# provides just the name. Calling it explains why it is unavailable.
import sys
import types

if "IPython" not in sys.modules:
    def _notebook_only(*_args, **_kwargs):
        raise RuntimeError("notebook display is not available in the kg-explorer desktop bundle")

    display = types.ModuleType("IPython.display")
    display.IFrame = _notebook_only
    display.HTML = _notebook_only
    display.display = _notebook_only
    package = types.ModuleType("IPython")
    package.__path__ = []
    package.display = display
    sys.modules["IPython"] = package
    sys.modules["IPython.display"] = display
