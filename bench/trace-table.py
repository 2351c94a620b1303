#!/usr/bin/env python3
"""Per-phase table of `nsinit --trace` files: for each process kind (parent, init, exec-helper, exec-process) of one
command, how long each phase took (until the next mark of the same process), min/median/max over the runs.
Usage: trace-table.py TRACE.jsonl [COMMAND]   (COMMAND defaults to run; prints a markdown table)"""
import json, statistics, sys
from collections import defaultdict


def runs(lines, command):
    """Groups marks into one list per process run: a new run starts at each "start"/first step of a process."""
    current = {}
    for rec in lines:
        if rec["command"] != command:
            continue
        key = (rec["process"], rec["pid"])
        current.setdefault(key, []).append(rec)
        if rec["phase"] == "end":
            yield rec["process"], current.pop(key)


def main():
    path = sys.argv[1]
    command = sys.argv[2] if len(sys.argv) > 2 else "run"
    with open(path) as f:
        lines = [json.loads(l) for l in f if l.strip()]
    durations = defaultdict(list)   # (process, index, phase) -> [us]
    totals = defaultdict(list)
    count = defaultdict(int)
    for process, marks in runs(lines, command):
        count[process] += 1
        for i, (a, b) in enumerate(zip(marks, marks[1:])):
            durations[(process, i, a["phase"])].append(b["ts"] - a["ts"])
        totals[process].append(marks[-1]["ts"] - marks[0]["ts"])
    print(f"| process | phase | min ms | median ms | max ms |")
    print("|---|---|---|---|---|")
    for (process, _, phase), values in sorted(durations.items(), key=lambda kv: (kv[0][0] != "parent", kv[0][0], kv[0][1])):
        print(f"| {process} | {phase} | {min(values)/1000:.2f} | {statistics.median(values)/1000:.2f} | {max(values)/1000:.2f} |")
    for process, values in sorted(totals.items()):
        print(f"| {process} | **total** ({count[process]} runs) | {min(values)/1000:.2f} | {statistics.median(values)/1000:.2f} | {max(values)/1000:.2f} |")


if __name__ == "__main__":
    main()
