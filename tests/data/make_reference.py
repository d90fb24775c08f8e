"""Writes tests/data/reference.json: measures of fixed (P, Q) pairs computed with mpmath at
80 significant digits from the exact binary values of the inputs. Run from the repo root:
    python3 tests/data/make_reference.py
The Rust tests compare Report::compute against these to 1e-9 relative. A case with
"generated" in place of "p" and "q" gives the recipe of its values (see `generated`)."""
import json
import random
from mpmath import mp, mpf, log, sqrt

mp.dps = 80
rng = random.Random(20261121)


def normalized(weights):
    total = sum(weights)
    return [w / total for w in weights]


def measures(p, q):
    P = [mpf(x) for x in p]
    Q = [mpf(x) for x in q]
    inf = "inf"

    def kl(a, b):
        total = mpf(0)
        for x, y in zip(a, b):
            if x == 0:
                continue
            if y == 0:
                return inf
            total += x * log(x / y)
        return total

    def entropy(a):
        return -sum(x * log(x) for x in a if x > 0)

    def cross(a, b):
        total = mpf(0)
        for x, y in zip(a, b):
            if x == 0:
                continue
            if y == 0:
                return inf
            total -= x * log(y)
        return total

    M = [(x + y) / 2 for x, y in zip(P, Q)]
    js = (kl(P, M) + kl(Q, M)) / 2
    out = {
        "entropy_p": entropy(P),
        "entropy_q": entropy(Q),
        "cross_entropy_pq": cross(P, Q),
        "cross_entropy_qp": cross(Q, P),
        "kl_pq": kl(P, Q),
        "kl_qp": kl(Q, P),
        "js": js,
        "total_variation": sum(abs(x - y) for x, y in zip(P, Q)) / 2,
        "hellinger": sqrt(sum((sqrt(x) - sqrt(y)) ** 2 for x, y in zip(P, Q)) / 2),
    }
    # Inputs rounded to doubles may sum to 1 ± 1e-16, which can put a KL of nearly equal
    # distributions a hair below zero; KL is never negative, and klscope reports 0.
    for key in ("kl_pq", "kl_qp"):
        if out[key] != inf and out[key] < 0:
            out[key] = mpf(0)
    return {k: (v if v == inf else float(v)) for k, v in out.items()}


cases = []


def add(name, p, q):
    cases.append({"name": name, "p": p, "q": q, "expected": measures(p, q)})


add("coin vs fair", [0.9, 0.1], [0.5, 0.5])
add("movie genres", [0.4, 0.3, 0.2, 0.1], [0.3, 0.4, 0.2, 0.1])
for n in [3, 10, 50, 1000]:
    add(f"random {n}", normalized([rng.random() for _ in range(n)]), normalized([rng.random() for _ in range(n)]))
for n in [5, 40]:
    p = normalized([rng.random() if rng.random() < 0.7 else 0.0 for _ in range(n)] + [1.0])
    q = normalized([rng.random() if rng.random() < 0.7 else 0.0 for _ in range(n)] + [1.0])
    add(f"random {n + 1} with zeros", p, q)
for eps in [1e-3, 1e-6, 1e-9, 1e-12]:
    p = normalized([rng.random() for _ in range(12)])
    q = normalized([x * (1 + eps * rng.uniform(-1, 1)) for x in p])
    add(f"nearly equal, relative gap {eps}", p, q)
add("tiny values", [1e-300, 3e-300, 1.0 - 4e-300], [2e-300, 1e-300, 1.0 - 3e-300])
add("tiny and subnormal", [0.5, 0.5 - 1e-300, 1e-300, 5e-320], [0.25, 0.75 - 2e-310, 2e-310, 1e-319])
add("tiny vs zero", [1.0 - 1e-300, 1e-300, 0.0], [0.5, 0.0, 0.5])
add("tiny everywhere", normalized([1e-300 * rng.random() for _ in range(20)]), normalized([1e-300 * rng.random() for _ in range(20)]))
add("identical", [0.25, 0.25, 0.5], [0.25, 0.25, 0.5])
add("disjoint", [0.5, 0.5, 0.0, 0.0], [0.0, 0.0, 0.5, 0.5])
add("point mass", [1.0, 0.0], [1.0, 0.0])
add("wide range", normalized([10.0 ** -k for k in range(0, 300, 7)]), normalized([10.0 ** -k for k in range(3, 303, 7)]))



def generated(n, step, modulus):
    """Weights (i·step mod modulus) + 1, divided by their total: integers and one
    correctly rounded division each, so Rust rebuilds the very same doubles."""
    weights = [(i * step) % modulus + 1 for i in range(n)]
    total = sum(weights)
    return [w / total for w in weights]


# 10^5 outcomes, too many to list in this file: the case names its recipe instead.
recipe = {"n": 100_000, "p_step": 7919, "p_modulus": 1000, "q_step": 104729, "q_modulus": 997}
big_p = generated(recipe["n"], recipe["p_step"], recipe["p_modulus"])
big_q = generated(recipe["n"], recipe["q_step"], recipe["q_modulus"])
cases.append({"name": "generated 100000", "generated": recipe, "expected": measures(big_p, big_q)})

with open("tests/data/reference.json", "w") as f:
    json.dump(cases, f, indent=1)
print(len(cases), "cases")
