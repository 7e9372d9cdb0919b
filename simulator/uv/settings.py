"""uv's version and set-up on the simulated machine (the scenario contract).

>>> print(UV_TOML, end="")
python-downloads = "never"
<BLANKLINE>
[[index]]
url = "file:///srv/pypi/simple"
default = true
"""

from __future__ import annotations

from ..model.tools import UV_MARK, UV_TOML, UV_VERSION

__all__ = ["UV_MARK", "UV_TOML", "UV_VERSION"]
