"""Resident memory of a process and its children, for the benchmarks that sample it while they run."""
from __future__ import annotations


def tree_rss(process) -> int:
    """RSS in bytes of ``process`` (a ``psutil.Process``) and all its descendants, summed; a child that
    exits while it is read counts nothing."""
    import psutil

    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            pass
    return total
