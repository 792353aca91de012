"""Benchmark of the public portal: 50 concurrent visitors on the home page of `make demo`'s server; see bench/README.md.

    make demo                                   # in another terminal: the demo at http://127.0.0.1:8000
    python bench/portal.py [--url http://127.0.0.1:8000] [--clients 50] [--seconds 20]

It loads the home page (the target: 95th percentile under 50 ms) and, for comparison, the other public lists with
Debian's `wrk` (installed with apt-get when missing and run as root; otherwise a bounded Python client), on
loopback only and for a bounded time, and prints the figures with the exact commands.
"""

import argparse
import http.client
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

TARGET_P95_MS = 50
# The home page is the target; the others show what the same cache gives elsewhere.
PATHS = ["/", "/news/", "/stories/", "/library/", "/pages/misja/"]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d\\n", summary.requests, summary.duration, errors.connect,
    errors.read, errors.write, errors.status, errors.timeout))
  for _, p in ipairs({50, 90, 95, 99}) do io.write(string.format("P%d %d\\n", p, latency:percentile(p))) end
  io.write(string.format("MAX %d\\n", latency.max))
end
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="the demo server (loopback only)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent connections (50)")
    parser.add_argument("--seconds", type=int, default=20, help="measured seconds for the home page (20, at most 120)")
    parser.add_argument("--others-seconds", type=int, default=5, help="seconds for each other page (5; 0 skips them)")
    parser.add_argument("--python-client", action="store_true", help="use the Python client even when wrk exists")
    return parser.parse_args()


def check_loopback(url: str) -> urllib.parse.SplitResult:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK:
        sys.exit(f"Refusing {url}: the benchmark only loads a server on this machine (http://127.0.0.1:PORT).")
    return parts


def fetch(parts, path) -> tuple[int, int]:
    connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, len(response.read())
    finally:
        connection.close()


def check_server(parts) -> None:
    for path in PATHS:
        try:
            status, size = fetch(parts, path)
        except OSError as error:
            sys.exit(f"No server at {parts.geturl()} ({error}). Start it with `make demo` in another terminal first.")
        if status != 200:
            sys.exit(f"{path} answered {status}; is the demo loaded (`make demo`)?")
        print(f"  {path}: 200, {size / 1024:.1f} KB")


def ensure_wrk() -> str | None:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing Debian's wrk with apt-get…")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        installed = subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=env, capture_output=True)
        if installed.returncode != 0:
            subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True)
            subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=env, capture_output=True)
    return shutil.which("wrk")


def run_wrk(wrk, url, clients, seconds, script) -> tuple[dict, str]:
    threads = min(2, clients)
    command = [wrk, f"-t{threads}", f"-c{clients}", f"-d{seconds}s", "--timeout", "5s", "-s", script, url]
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    figures = {}
    for line in output.splitlines():
        words = line.split()
        if words and words[0] == "RESULT":
            requests, duration_us, *errors = map(int, words[1:])
            figures["requests"] = requests
            figures["rate"] = requests / (duration_us / 1e6)
            figures["errors"] = sum(errors)
        elif words and (words[0].startswith("P") or words[0] == "MAX") and len(words) == 2:
            figures[words[0].lower()] = int(words[1]) / 1000
    shown = " ".join(command[:-3] + ["-s", "<percentiles.lua>", url])
    return figures, shown


def run_python_client(parts, path, clients, seconds) -> tuple[dict, str]:
    """Each of `clients` threads requests the page again and again until the time is up (a bounded loop)."""
    deadline = time.monotonic() + seconds
    latencies, errors, lock = [], [0], threading.Lock()

    def visitor():
        mine = []
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                status, _ = fetch(parts, path)
            except OSError:
                status = 0
            mine.append((time.perf_counter() - started) * 1000)
            if status != 200:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=visitor) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = sorted(latencies)

    def percentile(share):
        return ordered[min(len(ordered) - 1, int(len(ordered) * share / 100))]

    figures = {
        "requests": len(ordered),
        "rate": len(ordered) / seconds,
        "errors": errors[0],
        **{f"p{share}": percentile(share) for share in (50, 90, 95, 99)},
        "max": ordered[-1],
        "mean": statistics.fmean(ordered),
    }
    return figures, f"python bench/portal.py --python-client ({clients} threads, {seconds} s, {path})"


def machine() -> str:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return f"{os.cpu_count()} CPUs, {platform.python_implementation()} {platform.python_version()}, load average {load}"


def main():
    args = parse_args()
    parts = check_loopback(args.url)
    seconds = max(1, min(args.seconds, 120))
    others = max(0, min(args.others_seconds, 60))
    print(f"Server {parts.geturl()}:")
    check_server(parts)
    wrk = None if args.python_client else ensure_wrk()
    print(f"Load tool: {wrk or 'Python threads (wrk not available)'}; machine before: {machine()}")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    rows = []
    try:
        for index, path in enumerate(PATHS):
            duration = seconds if index == 0 else others
            if duration == 0:
                continue
            url = urllib.parse.urljoin(parts.geturl(), path)
            # Warm-up: fill every worker's cache and let the connections settle.
            if wrk:
                run_wrk(wrk, url, args.clients, 2, script.name)
                figures, command = run_wrk(wrk, url, args.clients, duration, script.name)
            else:
                run_python_client(parts, path, args.clients, 2)
                figures, command = run_python_client(parts, path, args.clients, duration)
            rows.append((path, duration, figures, command))
            print(f"  {command}")
    finally:
        os.unlink(script.name)
    print(f"Machine after: {machine()}")
    report(rows, args.clients)
    home = rows[0][2]
    return 0 if home["p95"] < TARGET_P95_MS and home["errors"] == 0 else 1


def report(rows, clients) -> None:
    print()
    print(f"**Public pages of `make demo`, {clients} concurrent clients, ms per request (kept pages, anonymous)**")
    print()
    print("| page | seconds | requests | requests/s | p50 | p90 | p95 | p99 | max | errors | target p95 | met |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |")
    for index, (path, seconds, figures, _command) in enumerate(rows):
        target = f"< {TARGET_P95_MS}" if index == 0 else "—"
        met = ("ok" if figures["p95"] < TARGET_P95_MS and figures["errors"] == 0 else "MISSED") if index == 0 else ""
        print(
            f"| {path} | {seconds} | {figures['requests']:,} | {figures['rate']:,.0f} | {figures['p50']:.1f} | "
            f"{figures['p90']:.1f} | {figures['p95']:.1f} | {figures['p99']:.1f} | {figures['max']:.1f} | "
            f"{figures['errors']} | {target} | {met} |"
        )


if __name__ == "__main__":
    sys.exit(main())
