#!/usr/bin/env python3
"""Every benchmark in one command: latency, batch scan, start-up and memory against plain Presidio, then
load, then short posts under long-post load.

    python bench/run_all.py [--quick]

--quick runs fewer rounds and requests (for a smoke check, not for figures).
The browser figures (content-script time per input event, time to underline) come from the
browser tests: `npm test` prints them per editor.
"""

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    a = ap.parse_args()
    print("== PHI Guard against plain Presidio (same posts, same spaCy model)\n", flush=True)
    subprocess.run([sys.executable, str(HERE / "bench_latency.py"), "--rounds", "1" if a.quick else "3"], check=True)
    print("\n== Load: the server as shipped, driven over loopback\n", flush=True)
    load = [sys.executable, str(HERE / "bench_load.py")] + (["--requests", "500"] if a.quick else [])
    if subprocess.run(load).returncode:
        return 1
    print("\n== Short posts while long ones load the server, against plain Presidio\n", flush=True)
    long_load = [sys.executable, str(HERE / "bench_long_load.py")] + (["--seconds", "9"] if a.quick else [])
    return subprocess.run(long_load).returncode


if __name__ == "__main__":
    sys.exit(main())
