#!/usr/bin/env python3
"""Runs a command so that it cannot outlive a test run. Python 3 standard library only.

Usage: run-with-lifetime.py --lifetime SECONDS -- COMMAND [ARGS...]

Prints the command's process ID on stdout (so a caller can kill it directly), then the command inherits
stdout and stderr. It is killed with SIGKILL, and this script exits, when
  * this script's stdin reaches end of file: the test process that holds the other end of the pipe
    closed it or died (even by SIGKILL, which no cleanup code survives), or
  * SECONDS have passed.
When the command exits by itself, this script exits with its status. docker-registry has no lifetime
option of its own, so the registry tests start it through this.
"""

import argparse
import os
import signal
import subprocess
import sys
import threading


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lifetime", type=float, required=True)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")
    # The test process may have blocked signals in the thread that spawned us; the child starts clean.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    child = subprocess.Popen(command, stdin=subprocess.DEVNULL)

    def kill_child() -> None:
        try:
            child.kill()
        except OSError:
            pass
        child.wait()
        os._exit(0)

    def watch_stdin() -> None:
        while sys.stdin.buffer.read(4096):
            pass
        kill_child()

    threading.Thread(target=watch_stdin, daemon=True).start()
    threading.Timer(args.lifetime, kill_child).start()
    # Only now, with the watchers running: if the test process died meanwhile, this write fails, and the
    # child must not be left behind.
    try:
        print(child.pid, flush=True)
    except OSError:
        kill_child()
    os._exit(child.wait() if child.returncode is None else child.returncode)


if __name__ == "__main__":
    main()
