"""Writes tests/data/vi_reference.json: for the conjugate model z ~ N(0, 1),
x_i ~ N(z, s^2), the evidence log p(x), the posterior's mean and variance, and the ELBO
of a few q = N(m, v), each integrated over z with mpmath at 30 digits (no closed form
used). Run from the repo root:  python3 tests/data/make_vi_reference.py"""
import json
from mpmath import mp, mpf, exp, log, sqrt, quad, pi, e

mp.dps = 30

CASES = [
    ([1.0], 1.0, [(0.0, 1.0), (0.5, 0.5), (-2.0, 3.0)]),
    ([0.5, 1.5, 2.0], 0.8, [(0.0, 1.0), (1.2, 0.1), (1.3, 0.15)]),
    ([-3.0, 2.5, 0.1, 4.0, -1.0], 2.0, [(0.5, 0.4), (-1.0, 2.0)]),
    ([10.0, 11.0], 0.3, [(0.0, 1.0), (10.4, 0.02)]),
]


def log_joint(xs, s, z):
    s = mpf(s)
    lp = -z * z / 2 - log(2 * pi) / 2
    for x in xs:
        lp += -((mpf(x) - z) / s) ** 2 / 2 - log(s) - log(2 * pi) / 2
    return lp


def main():
    out = []
    for xs, s, qs in CASES:
        centre = sum(xs) / (len(xs) + s * s)
        sd = 1 / sqrt(1 + len(xs) / mpf(s) ** 2)
        pts = sorted([-mp.inf, mp.inf] + [centre + k * sd for k in (-12, -6, -3, -1, 0, 1, 3, 6, 12)])
        evidence = quad(lambda z: exp(log_joint(xs, s, z)), pts, maxdegree=10)
        mean = quad(lambda z: z * exp(log_joint(xs, s, z)), pts, maxdegree=10) / evidence
        var = quad(lambda z: (z - mean) ** 2 * exp(log_joint(xs, s, z)), pts, maxdegree=10) / evidence
        elbos = []
        for m, v in qs:
            m, v = mpf(m), mpf(v)
            q = lambda z: exp(-((z - m) ** 2) / (2 * v)) / sqrt(2 * pi * v)
            qpts = [-mp.inf, m - 10 * sqrt(v), m, m + 10 * sqrt(v), mp.inf]
            expected = quad(lambda z: q(z) * log_joint(xs, s, z), qpts)
            elbos.append({"mean": float(m), "variance": float(v), "elbo": float(expected + log(2 * pi * e * v) / 2)})
        out.append({
            "observations": xs,
            "noise_sd": s,
            "log_evidence": float(log(evidence)),
            "posterior_mean": float(mean),
            "posterior_variance": float(var),
            "q": elbos,
        })
    with open("tests/data/vi_reference.json", "w") as f:
        json.dump({"generator": "tests/data/make_vi_reference.py (mpmath, 30 digits)", "cases": out}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
