#!/usr/bin/python3
"""Agreement check: hemsim against the SimPy peers (and Erlang C for mmc).

Usage:
  compare.py [--alpha A] SET HEMSIM_DIR SIMPY_JSON [SET HEMSIM_DIR SIMPY_JSON ...]

  SET         kedjan-small | kedjan-project | kedjan-city | mmc-1 | mmc-2 | mmc-3
  HEMSIM_DIR  the --out directory of `hemsim run scenarios/bench/SET.toml`
              (yearly.csv and manifest.json)
  SIMPY_JSON  the JSON printed by ../shared/peers/simpy_kedjan.py or simpy_mmc.py
  --alpha A   family-wise error level for the verdict (default 0.05)

For every comparable quantity (the nollalternativ's rows of yearly.csv against
the peer's output, and for mmc both against Erlang C, rho and lambda) it prints the two means
with their 95 % CI half-widths and:
  95%   PASS when |m1 - m2| <= sqrt(h1^2 + h2^2) (h: 95 % CI half-widths),
        against an exact value |m - x| <= h. At this level about 5 % of the
        comparisons fail by chance alone; the summary gives the count and the
        expected number.
  FW    the same test with every half-width widened from the 95 % level to
        the Bonferroni level alpha / m (m = number of statistical comparisons
        in the whole run): h * t(1 - alpha/(2m), n-1) / t(0.975, n-1). A FW
        failure is a disagreement that chance explains with probability below
        alpha over the whole family.
Plus exact checks that need no interval: the staff cost per year (fixed), and
the identical second alternative "same" equals the nollalternativ row for row
(common random numbers: the same streams give the same numbers).

Exit status: 0 when no quantity fails at the family-wise level and every exact
check holds; 1 otherwise; 2 on usage or input errors.

mmc quantities: Wq, Lq as reported; L (time-average number present, queue
plus in service) = hemsim person_days:vantar / window, SimPy Lq + c util;
utilisation = hemsim (L - Lq)/c, SimPy util; throughput per day = hemsim
exits:klar / window (completions), SimPy customers_served_after_W / (T - W)
(service starts; the two differ by at most the c customers in service at
the window's ends). The window is (W, horizon]: hemsim's horizon is a whole
number of 365/12-day months (scenarios/bench/mmc-*.toml), SimPy's is T.

Conservative intervals (marked "~"): quantities that one side does not report
directly but derives from two reported ones (hemsim's utilisation = (L - Lq)/c,
SimPy's L = Lq + c util) get the half-width h_X + h_Y (sd(X + Y) <= sd(X) +
sd(Y)), wider than the true one (L and Lq are strongly correlated): such a
test passes more easily than a 95 % test, and hemsim's utilisation is tested
only loosely (its throughput, with an exact interval, checks the same flow).
"""
import csv
import json
import math
import sys

try:
    from scipy import stats as _stats

    def tq(p, dof):
        return float(_stats.t.ppf(p, dof))
except ImportError:  # pragma: no cover - run.sh installs python3-scipy
    from statistics import NormalDist

    def tq(p, dof):
        return NormalDist().inv_cdf(p)


YEAR = 365.0
STOD_DAY = 16500.0 * 12.0 / 365.0
ASSIST_DAY = 7000.0 * 12.0 / 365.0
KEDJAN = {
    "kedjan-small": dict(N0=50, A=40, S=30, B=6, C=8, years=3),
    "kedjan-project": dict(N0=50, A=40, S=75, B=9, C=8, years=3),
    "kedjan-city": dict(N0=5000, A=2000, S=900, B=80, C=160, years=10),
}
MMC = {
    "mmc-1": dict(lam=100.0 / 365.0, c=1, mu=1.0 / 3.0),
    "mmc-2": dict(lam=2.0, c=10, mu=0.25),
    "mmc-3": dict(lam=9.5, c=50, mu=0.2),
}


def erlang_c(lam, c, mu):
    """P_wait, Wq, Lq, L, utilisation of M/M/c (Erlang B recursion, stable)."""
    a = lam / mu
    b = 1.0
    for k in range(1, c + 1):
        b = a * b / (k + a * b)
    pw = c * b / (c - a * (1.0 - b))
    wq = pw / (c * mu - lam)
    return dict(P_wait=pw, Wq=wq, Lq=lam * wq, L=lam * wq + a, util=a / c)


class Est:
    """A mean with its 95 % CI half-width over n replications."""

    def __init__(self, mean, h, n, conservative=False):
        self.mean, self.h, self.n, self.conservative = mean, h, n, conservative

    def widened(self, p):
        """The half-width at two-sided level 1 - 2(1 - p) instead of 95 %."""
        if self.n is None or self.h is None:  # exact value
            return 0.0
        if self.n < 2:
            return float("nan")
        return self.h * tq(p, self.n - 1) / tq(0.975, self.n - 1)

    def fmt(self):
        if self.n is None:
            return f"{self.mean:.6g} (exact)"
        mark = "~" if self.conservative else ""
        return f"{self.mean:.6g} ±{mark}{self.h:.3g}"


def exact(x):
    return Est(x, 0.0, None)


class Hemsim:
    def __init__(self, d):
        self.dir = d
        with open(f"{d}/manifest.json", encoding="utf-8") as f:
            self.manifest = json.load(f)
        self.n = int(self.manifest["replications"])
        self.rows = {}
        with open(f"{d}/yearly.csv", encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                self.rows[(r["alternative"], r["year"], r["metric"])] = r
        self.years = sorted({int(y) for (_, y, _) in self.rows if y != "total"})

    def get(self, metric, year="total", alt="nollalternativ"):
        r = self.rows.get((alt, str(year), metric))
        if r is None:
            return None
        m, lo, hi = float(r["mean"]), float(r["ci_low"]), float(r["ci_high"])
        return Est(m, (hi - lo) / 2.0, self.n)


def peer(js, key, i=None, scale=1.0):
    v = js.get(key)
    if v is None:
        return None
    m, h = v["mean"], v["ci95"]
    if i is not None:
        m, h = m[i], h[i]
    if m is None:
        return None
    n = js["reps"]
    if "n_reps_defined" in v:
        n = v["n_reps_defined"]
    return Est(m * scale, (h if h is not None else float("nan")) * scale, n)


class Checker:
    def __init__(self):
        self.tests = []   # (set, quantity, label1, e1, label2, e2)
        self.exact = []   # (set, what, ok, detail)
        self.missing = []

    def add(self, s, q, l1, e1, l2, e2):
        if e1 is None or e2 is None:
            self.missing.append(f"{s}: {q} ({l1 if e1 is None else l2} has no value)")
            return
        self.tests.append((s, q, l1, e1, l2, e2))

    def add_exact(self, s, what, ok, detail):
        self.exact.append((s, what, ok, detail))

    def run(self, alpha):
        m = len(self.tests)
        p_fw = 1.0 - alpha / (2.0 * max(m, 1))
        fail95 = fail_fw = 0
        print(f"Agreement: {m} statistical comparisons; 95% = combined 95 % CI "
              f"|m1-m2| <= sqrt(h1^2+h2^2); FW = Bonferroni family-wise level "
              f"alpha = {alpha} over all {m} (each at {alpha / max(m, 1):.2e})")
        print(f"{'set':<15} {'quantity':<34} {'A':<7} {'mean ± h95':<24} {'B':<7} "
              f"{'mean ± h95':<24} {'|d|/sqrt(h^2)':>13}  95%   FW")
        for s, q, l1, e1, l2, e2 in self.tests:
            d = abs(e1.mean - e2.mean)
            tol = math.hypot(e1.h if e1.n is not None else 0.0, e2.h if e2.n is not None else 0.0)
            tol_fw = math.hypot(e1.widened(p_fw), e2.widened(p_fw))
            if any(math.isnan(x) for x in (d, tol, tol_fw)):
                ok95 = okfw = False
            else:
                ok95 = d <= tol * (1 + 1e-12) + 1e-12
                okfw = d <= tol_fw * (1 + 1e-12) + 1e-12
            fail95 += not ok95
            fail_fw += not okfw
            ratio = d / tol if tol > 0 else (0.0 if d == 0 else float("inf"))
            print(f"{s:<15} {q:<34} {l1:<7} {e1.fmt():<24} {l2:<7} {e2.fmt():<24} {ratio:13.2f}  "
                  f"{'PASS' if ok95 else 'FAIL'}  {'PASS' if okfw else 'FAIL'}")
        exact_fail = 0
        if self.exact:
            print("\nExact checks:")
            for s, what, ok, detail in self.exact:
                exact_fail += not ok
                print(f"{s:<15} {what:<52} {'PASS' if ok else 'FAIL'}  {detail}")
        for x in self.missing:
            print(f"NOTE not compared: {x}")
        exp = 0.05 * m
        # P(X >= fail95) for X ~ Binomial(m, 0.05): how unusual the count would
        # be for independent comparisons (the real ones are positively
        # correlated, e.g. a year and the total, so the count varies more).
        tail = sum(math.comb(m, k) * 0.05 ** k * 0.95 ** (m - k) for k in range(fail95, m + 1)) if m else 1.0
        print(f"\nSummary: {m} comparisons; {fail95} outside the combined 95 % CI "
              f"(expected by chance about {exp:.1f}; P(>= {fail95}) = {tail:.3g} if independent); "
              f"{fail_fw} fail at the family-wise level {alpha}; "
              f"{exact_fail} of {len(self.exact)} exact checks fail.")
        ok = fail_fw == 0 and exact_fail == 0
        print("AGREEMENT: " + ("PASS" if ok else "FAIL") +
              " (verdict: no family-wise failure and every exact check holds)")
        return ok


def check_same(c, s, h):
    """The identical alternative 'same' must equal the nollalternativ exactly."""
    diffs = []
    n = 0
    for (alt, y, metric), r in h.rows.items():
        if alt != "nollalternativ" or metric == "diff_vs_baseline":
            continue
        o = h.rows.get(("same", y, metric))
        n += 1
        if o is None or any(o[k] != r[k] for k in ("mean", "ci_low", "ci_high", "p05", "p50", "p95")):
            diffs.append(f"{y}:{metric}")
    c.add_exact(s, "alternative 'same' == nollalternativ (all rows)", not diffs,
                f"{n} rows" + (f"; differ: {', '.join(diffs[:5])}" if diffs else ""))


def kedjan(c, s, h, js):
    p = KEDJAN[s]
    Y = p["years"]
    if h.years and len(h.years) != Y:
        raise SystemExit(f"compare.py: {h.dir}: {len(h.years)} years in yearly.csv, expected {Y}")
    for key in ("N0", "A", "S", "B", "C", "years"):
        if js.get(key) != p[key]:
            raise SystemExit(f"compare.py: the SimPy JSON for {s} has {key} = {js.get(key)}, expected {p[key]}")
    years = [(str(y), i) for i, y in enumerate(h.years)] + [("total", None)]

    def yr(label, i):
        return "total" if i is None else f"y{i + 1}"

    for label, i in years:
        tot = i is None
        c.add(s, f"cost_total[{yr(label, i)}]", "hemsim", h.get("cost_total", label), "simpy",
              peer(js, "cost_total") if tot else peer(js, "cost_per_year", i))
        if not tot:  # the peer gives person-days per year only, no total
            for st in ("stodboende", "forsok", "harbarge"):
                c.add(s, f"person_days:{st}[{yr(label, i)}]", "hemsim", h.get(f"person_days:{st}", label),
                      "simpy", peer(js, f"days_{st}", i))
            # hemsim's social-assistance cost = assisted forsok days x 7000 x 12/365
            c.add(s, f"cost_social_assistance[{yr(label, i)}]", "hemsim",
                  h.get("cost_social_assistance", label), "simpy",
                  peer(js, "days_forsok_assist", i, ASSIST_DAY))
            c.add(s, f"exits:eget[{yr(label, i)}]", "hemsim", h.get("exits:eget", label), "simpy",
                  peer(js, "exits_eget", i))
        else:
            c.add(s, "exits:eget[total]", "hemsim", h.get("exits:eget", label), "simpy",
                  peer(js, "exits_eget_total"))
        staff = p["B"] * 500000.0 + p["C"] * 600000.0 / 8.0
        got = h.get("cost_staff", label)
        want = staff * (Y if tot else 1)
        c.add_exact(s, f"cost_staff[{yr(label, i)}] = {want:.0f}",
                    got is not None and abs(got.mean - want) <= 1e-9 * want and got.h == 0,
                    f"hemsim {got.mean if got else None}")
    c.add(s, "wait_mean_days:stodboende_forsok", "hemsim", h.get("wait_mean_days:stodboende_forsok"),
          "simpy", peer(js, "wait_apt_mean"))
    c.add(s, "wait_mean_days:skuldradgivning", "hemsim", h.get("wait_mean_days:skuldradgivning"),
          "simpy", peer(js, "wait_debt_mean"))
    c.add(s, "queue_end:stodboende_forsok", "hemsim", h.get("queue_end:stodboende_forsok"), "simpy",
          peer(js, "queue_apt_end"))
    c.add(s, "queue_end:skuldradgivning", "hemsim", h.get("queue_end:skuldradgivning"), "simpy",
          peer(js, "queue_debt_end"))
    c.add(s, "offers_lost:lagenheter", "hemsim", h.get("offers_lost:lagenheter"), "simpy",
          peer(js, "offers_lost"))


def mmc(c, s, h, js):
    p = MMC[s]
    for key in ("lam", "c", "mu"):
        if abs(js[key] - p[key]) > 1e-12:
            raise SystemExit(f"compare.py: the SimPy JSON for {s} has {key} = {js[key]}, expected {p[key]}")
    ex = erlang_c(p["lam"], p["c"], p["mu"])
    man = h.manifest
    horizon = float(man["horizon_months"]) * YEAR / 12.0  # years = "365-day"
    window = horizon - float(man["warmup_days"])
    cc = p["c"]
    wq = h.get("wait_mean_days:radgivning")
    lq = h.get("queue_mean:radgivning")
    pd = h.get("person_days:vantar")
    ex_ = h.get("exits:klar")
    L = Est(pd.mean / window, pd.h / window, pd.n) if pd else None
    util = Est((L.mean - lq.mean) / cc, (L.h + lq.h) / cc, pd.n, True) if (L and lq) else None
    thr = Est(ex_.mean / window, ex_.h / window, ex_.n) if ex_ else None
    sw, sl, su = peer(js, "Wq"), peer(js, "Lq"), peer(js, "util")
    sL = Est(sl.mean + cc * su.mean, sl.h + cc * su.h, sl.n, True) if (sl and su) else None
    served = peer(js, "customers_served_after_W")
    sthr = Est(served.mean / (js["T"] - js["W"]), served.h / (js["T"] - js["W"]), served.n) if served else None
    for q, he, se, x, lx in (("Wq", wq, sw, ex["Wq"], "ErlangC"), ("Lq", lq, sl, ex["Lq"], "ErlangC"),
                             ("L (queue + in service)", L, sL, ex["L"], "ErlangC"),
                             ("utilisation", util, su, ex["util"], "rho"),
                             ("throughput per day", thr, sthr, p["lam"], "lambda")):
        c.add(s, q, "hemsim", he, "simpy", se)
        c.add(s, q, "hemsim", he, lx, exact(x))
        c.add(s, q, "simpy", se, lx, exact(x))


def main(argv):
    alpha = 0.05
    args = list(argv)
    if args[:1] == ["--alpha"]:
        alpha = float(args[1])
        args = args[2:]
    if not args or len(args) % 3:
        print(__doc__, file=sys.stderr)
        return 2
    c = Checker()
    for k in range(0, len(args), 3):
        s, d, jf = args[k:k + 3]
        try:
            h = Hemsim(d)
            with open(jf, encoding="utf-8") as f:
                js = json.load(f)
        except (OSError, ValueError, KeyError) as e:
            print(f"compare.py: {s}: cannot read the results: {e}", file=sys.stderr)
            return 2
        if h.n != js["reps"]:
            print(f"NOTE {s}: hemsim ran {h.n} replications, SimPy {js['reps']}")
        check_same(c, s, h)
        if s in KEDJAN:
            kedjan(c, s, h, js)
        elif s in MMC:
            mmc(c, s, h, js)
        else:
            print(f"compare.py: unknown set {s!r}", file=sys.stderr)
            return 2
    return 0 if c.run(alpha) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
