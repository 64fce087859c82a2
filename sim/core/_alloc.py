"""Keep large numpy temporaries in the heap (glibc only).

Each model step makes many temporaries of a few MB. By default glibc serves
blocks over its mmap threshold with fresh mmap() calls and returns them on free,
so every temporary pays page faults again; measured here this was ~25 % of a
run. Raising the mmap and trim thresholds lets freed blocks be reused. It
changes no result, only speed and how much memory the process keeps. Set
TALENTSIM_NO_MALLOPT=1 to leave the allocator alone.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys

_done = False
M_TRIM_THRESHOLD, M_TOP_PAD, M_MMAP_THRESHOLD = -1, -2, -3


def tune() -> bool:
    """Apply once per process; returns True if the allocator was tuned."""
    global _done  # noqa: PLW0603 - set once per process
    if _done or os.environ.get("TALENTSIM_NO_MALLOPT") or not sys.platform.startswith("linux"):
        return False
    _done = True
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (e.g. musl): nothing to do
        return False
    ok = mallopt(M_MMAP_THRESHOLD, 32 << 20) and mallopt(M_TRIM_THRESHOLD, 256 << 20)
    mallopt(M_TOP_PAD, 16 << 20)
    return bool(ok)
