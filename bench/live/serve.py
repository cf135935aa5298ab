#!/usr/bin/python3
"""Runs tests/aws/fake_aws/server.py for the live-audit benchmark, unchanged except for two things:

- `--nodelay`: TCP_NODELAY on every accepted connection. server.py writes an answer's headers and its body
  with two send() calls; on a kept-alive connection Nagle's algorithm holds the body back until the client
  ACKs the headers, and Linux delays that ACK by ~40 ms. Every call on a reused connection then costs
  latency_ms + ~40 ms, while a fresh connection per call (one AWS CLI process per call) mostly escapes it.
  Real AWS endpoints do not stall like this, so the benchmark turns it off; `run.sh --server-as-is` keeps it.
- every call-log entry gets `t`, seconds since the server started when the answer was sent, so run.sh can
  see how many calls per second each region received (CloudTrail's rate quotas are per account and region).

- `--cloudtrail-tps N [--cloudtrail-burst B]`: CloudTrail's documented quota made real. Each account and
  region gets a token bucket of B tokens (default N) refilled at N per second; a CloudTrail call that finds
  it empty is answered ThrottlingException, as AWS does over its 10 calls per second for get, describe and
  list APIs. Without it fake_aws never throttles on its own.

    /usr/bin/python3 -I bench/live/serve.py [--nodelay] [--cloudtrail-tps N [--cloudtrail-burst B]]
                                            --state STATE.json [--port N]

Prints "PORT <n>" like server.py and exits, like it, when its stdin closes or on SIGTERM.
"""
import importlib.util
import os
import sys
import threading
import time

SERVER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "aws", "fake_aws", "server.py")


class TimedCalls(list):
    """The server's call log, stamping each entry as server.py appends it (under its state lock)."""

    started = time.monotonic()

    def append(self, entry):
        entry["t"] = round(time.monotonic() - self.started, 4)
        super().append(entry)


def rate_limited(take_faults, tps, burst):
    """server.take_faults, plus a throttle whenever a CloudTrail call finds its account's and region's bucket
    empty (checked when the request arrives, before the latency)."""
    buckets = {}  # (account, region) -> (tokens, monotonic time of the last refill)
    lock = threading.Lock()

    def take(state, call):
        delays, answer = take_faults(state, call)
        if answer is None and call.get("service") == "cloudtrail" and call.get("account"):
            key = (call["account"], call.get("region"))
            now = time.monotonic()
            with lock:
                tokens, last = buckets.get(key, (float(burst), now))
                tokens = min(float(burst), tokens + (now - last) * tps)
                allowed = tokens >= 1.0
                buckets[key] = (tokens - 1.0 if allowed else tokens, now)
            if not allowed:
                answer = {"kind": "throttle", "operation": call.get("operation"), "count": -1}
        return delays, answer

    return take


def take_option(argv, name):
    """Removes `name VALUE` from argv and returns VALUE (None when absent)."""
    if name not in argv:
        return None
    i = argv.index(name)
    value = argv[i + 1]
    del argv[i:i + 2]
    return value


def main():
    argv = sys.argv[1:]
    nodelay = "--nodelay" in argv
    argv = [a for a in argv if a != "--nodelay"]
    tps = take_option(argv, "--cloudtrail-tps")
    burst = take_option(argv, "--cloudtrail-burst")
    spec = importlib.util.spec_from_file_location("fake_aws_server", SERVER)
    server = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(server)

    original_init = server.State.__init__

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        self.calls = TimedCalls()

    server.State.__init__ = init
    if nodelay:
        server.Handler.disable_nagle_algorithm = True  # socketserver.StreamRequestHandler sets TCP_NODELAY
    if tps is not None and float(tps) > 0:
        server.take_faults = rate_limited(server.take_faults, float(tps), float(burst or tps))
    sys.argv = [SERVER] + argv
    return server.main()


if __name__ == "__main__":
    sys.exit(main())
