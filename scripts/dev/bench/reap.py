#!/usr/bin/env python3
"""
reap.py REPORT COMMAND [ARG...]: runs COMMAND as a child subreaper and writes to REPORT (JSON) the
CPU time and the largest resident set of every process it started, then exits with its status.

Why not GNU time: the kernel adds a process's CPU time to its parent's only when the parent waits
for it. Pagefind's and esbuild's Node APIs kill their helper process without waiting, so it
outlives the Node process that started it and is reaped by init: `time` never sees its CPU time.
As a subreaper (prctl PR_SET_CHILD_SUBREAPER), this process inherits every orphaned descendant
and waits for each, so RUSAGE_CHILDREN holds all of them. Linux only; Node cannot call prctl.
"""
import ctypes
import json
import os
import resource
import sys
import time

PR_SET_CHILD_SUBREAPER = 36
# An orphan still running this long after the command exited is reported, not waited for forever.
ORPHAN_TIMEOUT_S = 120


def main() -> int:
    report, command = sys.argv[1], sys.argv[2:]
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER)")
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    status = None
    reaped = 0
    deadline = None
    while True:
        try:
            # Blocking while the command runs; afterwards, polling, so that a stuck orphan cannot hang the benchmark.
            child, wait_status = os.waitpid(-1, 0 if deadline is None else os.WNOHANG)
        except ChildProcessError:
            break
        if child == 0:
            if time.monotonic() > deadline:
                break
            time.sleep(0.01)
            continue
        reaped += 1
        if child == pid:
            status = os.waitstatus_to_exitcode(wait_status)
            deadline = time.monotonic() + ORPHAN_TIMEOUT_S
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    left = [name for name in os.listdir("/proc") if name.isdigit() and parent_of(name) == os.getpid()]
    with open(report, "w", encoding="utf8") as out:
        json.dump(
            {
                "status": status,
                "userMs": usage.ru_utime * 1000,
                "systemMs": usage.ru_stime * 1000,
                # KiB on Linux: the largest resident set of any one process reaped.
                "maxRssKb": usage.ru_maxrss,
                "reaped": reaped,
                "stillRunning": len(left),
            },
            out,
        )
    return 1 if status is None else status if status >= 0 else 128 - status


def parent_of(pid: str) -> int:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf8") as stat:
            line = stat.read()
        return int(line[line.rindex(")") + 2 :].split(" ")[1])
    except (OSError, ValueError):
        return -1


if __name__ == "__main__":
    sys.exit(main())
