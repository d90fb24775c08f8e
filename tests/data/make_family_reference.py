"""Writes tests/data/family_reference.json: the f-divergences, Rényi's divergence and
entropy at several orders, and Wasserstein-1 of fixed (P, Q) pairs, computed with mpmath
at 50 significant digits (650 for the small cases, whose Rényi sums differ from 1 by as
little as 1e-300) from the exact binary values of the inputs, and W₁ also with
scipy.stats.wasserstein_distance(positions, positions, p, q). Run from the repo root:
    python3 tests/data/make_family_reference.py
Values with a unit are given in nats, bits and bans (each computed here, not converted in
Rust). Rényi's divergence and entropy are taken for P of total mass ΣP (their definition
for a P that sums to 1 only within rounding): ln(Σ p^α q^(1−α) / Σ p)/(α − 1), and
D_0 = −ln(Q(supp P)/ΣQ)."""
import json
import random
from mpmath import mp, mpf, log, sqrt
import numpy as np
from scipy.stats import wasserstein_distance

mp.dps = 50
rng = random.Random(20261204)
INF = "inf"
ALPHAS = [0.0, 0.25, 0.5, 0.999999, 1.0, 1.000001, 2.0, 5.0, "inf"]
UNITS = {"nats": mpf(1), "bits": log(2), "bans": log(10)}


def normalized(weights):
    total = sum(weights)
    return [w / total for w in weights]


def in_units(value):
    if value == INF:
        return {u: INF for u in UNITS}
    return {u: float(value / base) for u, base in UNITS.items()}


def renyi(P, Q, alpha):
    support = [(x, y) for x, y in zip(P, Q) if x > 0]
    if alpha == 0.0:
        mass = sum(y for _, y in support)
        return INF if mass == 0 else max(-log(mass / sum(Q)), mpf(0))
    if alpha == "inf":
        if any(y == 0 for _, y in support):
            return INF
        return max(max(log(x / y) for x, y in support), mpf(0))
    if alpha == 1.0:
        if any(y == 0 for _, y in support):
            return INF
        return max(sum(x * log(x / y) for x, y in support), mpf(0))
    a = mpf(alpha)
    if a > 1 and any(y == 0 for _, y in support):
        return INF
    s = sum(x ** a * y ** (1 - a) for x, y in support if y > 0)
    if s == 0:
        return INF
    return max(log(s / sum(P)) / (a - 1), mpf(0))


def renyi_entropy(P, alpha):
    support = [x for x in P if x > 0]
    if alpha == 0.0:
        return log(len(support))
    if alpha == "inf":
        return -log(max(support))
    if alpha == 1.0:
        return -sum(x * log(x) for x in support)
    a = mpf(alpha)
    return max(log(sum(x ** a for x in support) / sum(P)) / (1 - a), mpf(0))


def measures(p, q, positions):
    # Rényi's sums are 1 + (something as small as 1e-300): their logarithm needs as many
    # digits as that takes. 50 digits hold the values of the 10^5 case, which are O(1).
    with mp.workdps(650 if len(p) <= 1000 else 50):
        return measures_at_precision(p, q, positions)


def measures_at_precision(p, q, positions):
    P = [mpf(x) for x in p]
    Q = [mpf(x) for x in q]

    def kl(a, b):
        total = mpf(0)
        for x, y in zip(a, b):
            if x == 0:
                continue
            if y == 0:
                return INF
            total += x * log(x / y)
        return max(total, mpf(0))

    def chi2(a, b):
        total = mpf(0)
        for x, y in zip(a, b):
            if y == 0:
                if x > 0:
                    return INF
                continue
            total += (x - y) ** 2 / y
        return total

    M = [(x + y) / 2 for x, y in zip(P, Q)]
    X = [mpf(x) for x in positions]
    cumulative, w1 = mpf(0), mpf(0)
    for i in range(len(P) - 1):
        cumulative += P[i] - Q[i]
        w1 += abs(cumulative) * (X[i + 1] - X[i])
    return {
        "kl_pq": in_units(kl(P, Q)),
        "kl_qp": in_units(kl(Q, P)),
        # Outcome by outcome, each term p ln(p/m) + q ln(q/m) ≥ 0: no clamping needed.
        "js": in_units(sum((x * log(x / m) if x > 0 else 0) + (y * log(y / m) if y > 0 else 0)
                           for x, y, m in zip(P, Q, M)) / 2),
        "total_variation": float(sum(abs(x - y) for x, y in zip(P, Q)) / 2),
        "hellinger_squared": float(sum((sqrt(x) - sqrt(y)) ** 2 for x, y in zip(P, Q)) / 2),
        "chi2_pearson": chi2(P, Q) if chi2(P, Q) == INF else float(chi2(P, Q)),
        "chi2_neyman": chi2(Q, P) if chi2(Q, P) == INF else float(chi2(Q, P)),
        "renyi": [{"alpha": a, "value": in_units(renyi(P, Q, a))} for a in ALPHAS],
        "renyi_entropy_p": [{"alpha": a, "value": in_units(renyi_entropy(P, a))} for a in ALPHAS],
        "wasserstein1": float(w1),
        "wasserstein1_scipy": float(wasserstein_distance(positions, positions, p, q)),
    }


cases = []


def add(name, p, q, positions=None):
    given = positions is not None
    positions = positions if given else [float(i) for i in range(len(p))]
    case = {"name": name, "p": p, "q": q, "expected": measures(p, q, positions)}
    if given:
        case["positions"] = positions
    cases.append(case)


add("two outcomes", [0.9, 0.1], [0.5, 0.5])
add("two outcomes far apart", [0.3, 0.7], [0.6, 0.4], [-2.5, 10.0])
add("die and a loaded die", [1 / 6] * 6, [0.1, 0.1, 0.1, 0.1, 0.1, 0.5], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
for n in [3, 10, 50, 1000]:
    add(f"random {n}", normalized([rng.random() for _ in range(n)]), normalized([rng.random() for _ in range(n)]))
add("random 20, uneven positions", normalized([rng.random() for _ in range(20)]),
    normalized([rng.random() for _ in range(20)]), sorted(rng.uniform(-50, 50) for _ in range(20)))
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
add("identical", [0.25, 0.25, 0.5], [0.25, 0.25, 0.5])
add("disjoint", [0.5, 0.5, 0.0, 0.0], [0.0, 0.0, 0.5, 0.5])
add("disjoint bumps", [0.25, 0.5, 0.25, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0.25, 0.5, 0.25, 0, 0])
add("point mass", [1.0, 0.0], [1.0, 0.0])
add("wide range", normalized([10.0 ** -k for k in range(0, 300, 7)]), normalized([10.0 ** -k for k in range(3, 303, 7)]))


def generated(n, step, modulus):
    """As in make_reference.py: integers and one correctly rounded division each."""
    weights = [(i * step) % modulus + 1 for i in range(n)]
    total = sum(weights)
    return [w / total for w in weights]


recipe = {"n": 100_000, "p_step": 7919, "p_modulus": 1000, "q_step": 104729, "q_modulus": 997}
big_p = generated(recipe["n"], recipe["p_step"], recipe["p_modulus"])
big_q = generated(recipe["n"], recipe["q_step"], recipe["q_modulus"])
cases.append({"name": "generated 100000", "generated": recipe,
              "expected": measures(big_p, big_q, [float(i) for i in range(recipe["n"])])})

with open("tests/data/family_reference.json", "w") as f:
    json.dump(cases, f, indent=1)
print(len(cases), "cases")
