"""Child processes that end with their parent, however the parent ends (kill -9 included).

On Linux the kernel does it: ``prctl(PR_SET_PDEATHSIG, SIGKILL)`` in the child. Elsewhere nothing
is set, and the children's own watches (a closed pipe, a changed parent pid) are what ends them.
The signal comes when the *thread* that started the child ends: use it only for children started
by a thread that lives as long as the parent (the build's main thread, the query executor's
spawner thread).
"""
from __future__ import annotations

import ctypes
import os
import resource
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int | None = None) -> None:
    """Ask the kernel to kill this process when its parent ends; `parent` (the pid expected) guards
    against the parent having ended already, before the request was made."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if parent is not None and os.getppid() != parent:
        os._exit(1)  # the parent is already gone


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space: past it, allocations fail (Python raises MemoryError)
    instead of the whole machine running out and the kernel killing the build."""
    limit = megabytes * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):  # a lower hard limit is already set: keep it
        pass
