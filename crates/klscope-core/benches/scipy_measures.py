"""Report::compute at 10^6 outcomes against scipy's five calls, in the same run.

    python3 benches/scipy_measures.py            # runs the criterion bench, then scipy
    python3 benches/scipy_measures.py --scipy-only

scipy needs five calls for what one Report holds: H(P), H(Q), KL(P||Q), KL(Q||P) and
the JS distance (H(P,Q) = H(P) + KL(P||Q) comes free). Both sides get fresh random
distributions of the same size and shape (uniform weights, normalised).
"""

import re
import subprocess
import sys
import time

import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.stats import entropy

N = 1_000_000


def scipy_seconds(repeats: int = 15) -> float:
    rng = np.random.default_rng(7)
    p = rng.random(N)
    p /= p.sum()
    q = rng.random(N)
    q /= q.sum()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        entropy(p)
        entropy(q)
        entropy(p, q)
        entropy(q, p)
        jensenshannon(p, q)
        times.append(time.perf_counter() - start)
    return float(np.median(times))


UNITS = {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def klscope_seconds() -> float:
    out = subprocess.run(
        ["cargo", "bench", "--bench", "measures", "--", "report/1000000$"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    match = re.search(r"report/1000000\s+time:\s+\[\S+ \S+ (\S+) (\S+)", out)
    if not match:
        sys.exit("could not read the criterion estimate from:\n" + out)
    return float(match.group(1)) * UNITS[match.group(2)]


def main() -> None:
    ours = None if "--scipy-only" in sys.argv else klscope_seconds()
    theirs = scipy_seconds()
    print(f"scipy, five calls at 10^6: {theirs * 1e3:.1f} ms (median)")
    if ours is not None:
        print(f"Report::compute at 10^6:   {ours * 1e3:.1f} ms (criterion median)")
        print(f"klscope is {theirs / ours:.1f}x faster")


if __name__ == "__main__":
    main()
