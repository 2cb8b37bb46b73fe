"""How values that pickle cannot take by itself are pickled: registered on import.

Models go through pickle in the caches and on their way back from worker processes, and
a model's read-only mappings (`types.MappingProxyType`) cannot be pickled as they are:
one is pickled as the plain dict it wraps and made read-only again when loaded. The
registration lives here, beside the only code that pickles, so the model stays types.
"""

from __future__ import annotations

import copyreg
from types import MappingProxyType
from typing import Any


def read_only(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(mapping)


def _reduce(proxy: MappingProxyType[Any, Any]) -> tuple[Any, tuple[dict[Any, Any]]]:
    return read_only, (dict(proxy),)


copyreg.pickle(MappingProxyType, _reduce)
