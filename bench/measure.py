#!/usr/bin/env python3
"""Runs commands one after another and prints "WALL_NS CPU_US": wall time of the whole sequence and the CPU time
(user + system) the commands and every descendant they waited for used, from wait4's rusage. CPU time is what a
shared, loaded machine distorts least; wall time is what a user waits.
Usage: measure.py CMD [ARGS...] [';;' CMD [ARGS...]]...   (stdin/stdout/stderr of the commands: /dev/null)"""
import os, sys, time

def commands(argv):
    cmd = []
    for a in argv:
        if a == ";;":
            if cmd: yield cmd
            cmd = []
        else:
            cmd.append(a)
    if cmd: yield cmd

def main():
    wall = cpu = 0
    failed = False
    devnull = os.open(os.devnull, os.O_RDWR)
    for cmd in commands(sys.argv[1:]):
        t0 = time.perf_counter_ns()
        pid = os.posix_spawnp(cmd[0], cmd, os.environ, file_actions=[
            (os.POSIX_SPAWN_DUP2, devnull, 0), (os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
        _, status, usage = os.wait4(pid, 0)
        wall += time.perf_counter_ns() - t0
        cpu += int((usage.ru_utime + usage.ru_stime) * 1e6)
        failed |= status != 0
    print(wall, cpu)
    return 1 if failed else 0

sys.exit(main())
