"""Writes tests/data/density_reference.json: every measure of fixed pairs of densities
(mixtures of normal, laplace and uniform components), integrated with mpmath at 30
significant digits, split at the components' edges, centres and at every point where
p = q (found by bisection), so that each piece is smooth. Run from the repo root:
    python3 tests/data/make_density_reference.py
The Rust tests check that each quadrature result lies within its own stated error bound
of these values. A measure that is infinite is "inf", decided here from the supports
(where the density that must cover is 0 on an interval the other gives mass)."""
import json
from mpmath import mp, mpf, exp, log, sqrt, fabs, erfc

mp.dps = 30

# (name, P, Q); a component is [kind, a, b, weight].
CASES = [
    ("narrow-vs-wide", [["normal", 0, 0.1, 1]], [["normal", 0.5, 3, 1]]),
    ("far-apart", [["normal", -5, 1, 1]], [["normal", 5, 1.5, 1]]),
    ("heavy-laplace-vs-normal", [["laplace", 0, 3, 1]], [["normal", 0, 1, 1]]),
    ("laplace-one-centre", [["laplace", 1, 0.5, 1]], [["laplace", 1, 2, 1]]),
    ("uniform-vs-normal", [["uniform", -1, 3, 1]], [["normal", 1, 2, 1]]),
    ("uniform-vs-laplace", [["uniform", -1, 3, 1]], [["laplace", 2, 0.7, 1]]),
    ("uniform-inside-uniform", [["uniform", 0, 1, 1]], [["uniform", -1, 3, 1]]),
    ("normal-vs-narrow-uniform", [["normal", 0, 1, 1]], [["uniform", -1, 1, 1]]),
    (
        "uniform-halves",
        [["uniform", -1, 1, 1]],
        [["uniform", -2, 0, 0.5], ["uniform", 0, 2, 0.5]],
    ),
    (
        "bimodal-vs-broad",
        [["normal", -2, 0.6, 0.5], ["normal", 2, 0.6, 0.5]],
        [["normal", 0, 2, 1]],
    ),
    (
        "laplace-mixture",
        [["laplace", -2, 0.5, 0.3], ["laplace", 1, 2, 0.7]],
        [["laplace", 0, 1, 1]],
    ),
    ("tiny-vs-laplace", [["normal", 0, 0.01, 1]], [["laplace", 0.5, 0.2, 1]]),
    (
        "four-and-four",
        [["normal", -3, 0.5, 0.1], ["laplace", 0, 1, 0.4], ["uniform", 1, 4, 0.3], ["normal", 5, 2, 0.2]],
        [["normal", -1, 1, 0.25], ["laplace", 2, 0.5, 0.25], ["normal", 0, 4, 0.25], ["uniform", -2, 2, 0.25]],
    ),
    (
        "four-far-and-narrow",
        [["normal", -10, 0.05, 0.25], ["normal", 0, 0.3, 0.25], ["laplace", 10, 0.1, 0.25], ["normal", 20, 5, 0.25]],
        [["laplace", 0, 8, 0.4], ["normal", 3, 1, 0.3], ["uniform", -20, 40, 0.2], ["normal", -10, 3, 0.1]],
    ),
]


def pdf(component, x):
    kind, a, b, _ = component
    a, b = mpf(a), mpf(b)
    if kind == "normal":
        return exp(-((x - a) / b) ** 2 / 2) / (b * sqrt(2 * mp.pi))
    if kind == "laplace":
        return exp(-fabs(x - a) / b) / (2 * b)
    return 1 / (b - a) if a <= x <= b else mpf(0)


def density(mixture):
    return lambda x: sum(mpf(c[3]) * pdf(c, x) for c in mixture)


def support(mixture):
    if any(c[0] != "uniform" for c in mixture):
        return [(-mp.inf, mp.inf)]
    return sorted((mpf(c[1]), mpf(c[2])) for c in mixture)


def covered(a, b):
    """Whether every interval where a is positive lies where b is positive."""
    sb = support(b)
    for lo, hi in support(a):
        # Sample the interval's interior: a gap in b's support shows as b = 0 there.
        if lo == -mp.inf:
            if not any(l == -mp.inf for l, _ in sb):
                return False
            continue
        steps = 4000
        for i in range(1, steps):
            x = lo + (hi - lo) * i / steps
            if not any(l <= x <= h for l, h in sb):
                return False
    return True


def breakpoints(p, q):
    points = set()
    for c in p + q:
        kind, a, b, _ = c
        a, b = mpf(a), mpf(b)
        if kind == "uniform":
            points.update([a, b])
        else:
            for k in [0, 1, 3, 8, 20]:
                points.update([a - k * b, a + k * b])
    points = sorted(points)
    # Where p = q, the integrands |p − q| and max(p ln(p/q), 0) have kinks: find them.
    fp, fq = density(p), density(q)
    grid = []
    for left, right in zip(points, points[1:]):
        n = 200
        grid.extend(left + (right - left) * i / n for i in range(n))
    grid.append(points[-1])
    d = lambda x: fp(x) - fq(x)
    for x0, x1 in zip(grid, grid[1:]):
        d0, d1 = d(x0), d(x1)
        if d0 * d1 < 0:
            a, b = x0, x1
            for _ in range(110):
                m = (a + b) / 2
                if d(a) * d(m) <= 0:
                    b = m
                else:
                    a = m
            points.append((a + b) / 2)
    return sorted(set(points))


def measures(p, q):
    fp, fq = density(p), density(q)
    pts = [-mp.inf] + breakpoints(p, q) + [mp.inf]

    def integral(g):
        value, error = mp.quad(g, pts, error=True, maxdegree=10)
        assert error < mpf(10) ** -18, (g, error)
        return value

    def xlogy(a, b):
        return mpf(0) if a == 0 else a * log(b)

    def plogr(a, b):
        return mpf(0) if a == 0 else a * log(a / b)

    inf = "inf"
    p_in_q, q_in_p = covered(p, q), covered(q, p)
    out = {}
    out["entropy_p"] = -integral(lambda x: xlogy(fp(x), fp(x)))
    out["entropy_q"] = -integral(lambda x: xlogy(fq(x), fq(x)))
    out["cross_entropy_pq"] = -integral(lambda x: xlogy(fp(x), fq(x)) if fq(x) > 0 else mpf(0)) if p_in_q else inf
    out["cross_entropy_qp"] = -integral(lambda x: xlogy(fq(x), fp(x)) if fp(x) > 0 else mpf(0)) if q_in_p else inf
    out["kl_pq"] = integral(lambda x: plogr(fp(x), fq(x)) if fq(x) > 0 else mpf(0)) if p_in_q else inf
    out["kl_qp"] = integral(lambda x: plogr(fq(x), fp(x)) if fp(x) > 0 else mpf(0)) if q_in_p else inf

    def js_term(x):
        a, b = fp(x), fq(x)
        m = (a + b) / 2
        return (plogr(a, m) + plogr(b, m)) / 2

    out["js"] = integral(js_term)
    out["total_variation"] = integral(lambda x: fabs(fp(x) - fq(x)) / 2)
    out["hellinger"] = sqrt(max(mpf(0), 1 - integral(lambda x: sqrt(fp(x) * fq(x)))))
    # Each KL's areas above and below the axis. Where its own density has mass the other
    # lacks, the area above is infinite; the one below is still a finite integral.
    out["kl_pq_positive"] = integral(lambda x: max(mpf(0), plogr(fp(x), fq(x))) if fq(x) > 0 else mpf(0)) if p_in_q else inf
    out["kl_pq_negative"] = integral(lambda x: min(mpf(0), plogr(fp(x), fq(x))) if fq(x) > 0 else mpf(0))
    out["kl_qp_positive"] = integral(lambda x: max(mpf(0), plogr(fq(x), fp(x))) if fp(x) > 0 else mpf(0)) if q_in_p else inf
    out["kl_qp_negative"] = integral(lambda x: min(mpf(0), plogr(fq(x), fp(x))) if fp(x) > 0 else mpf(0))
    return {k: (v if v == inf else float(v)) for k, v in out.items()}


def main():
    cases = []
    for name, p, q in CASES:
        cases.append({"name": name, "p": p, "q": q, "nats": measures(p, q)})
        print(name, cases[-1]["nats"])
    with open("tests/data/density_reference.json", "w") as f:
        json.dump({"generator": "tests/data/make_density_reference.py (mpmath, 30 digits)", "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
