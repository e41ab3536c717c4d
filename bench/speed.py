#!/usr/bin/env python3
"""The summary of bench/speed.sh: medians and ranges over the rounds.

Usage: speed.py ROUNDS.jsonl

Per round and binary: the ratio SimPy / hemsim of the time per replication
on kedjan city (one thread; a hemsim replication simulates both alternatives,
so its time per replication is simulation_wall_seconds / (reps x 2)), events
per second on city and that as a fraction of the same binary's hold model in
the same round (on its own event set, and on a binary heap: the event set the
engine had when issue 14 set its goal of 0.7 of the hold rate), ns per event
on city (x1) and city x64, and their ratio.
"""
import json
import statistics
import sys
from collections import defaultdict


def main():
    rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
    by = defaultdict(dict)  # (round, bin) -> what -> row
    for r in rows:
        by[(r["round"], r["bin"])][r["what"]] = r
    rounds = sorted({r["round"] for r in rows})
    bins = [b for b in ("after", "before") if any((k, b) in by for k in rounds)]
    figures = defaultdict(list)  # (bin, figure) -> values over rounds
    for k in rounds:
        simpy = by[(k, "simpy")]["kedjan-city"]["wall_s_per_rep"]
        for b in bins:
            got = by[(k, b)]
            city, x64, hold = got["kedjan-city"], got["kedjan-city-x64"], got["hold"]
            per_rep = city["wall_s"] / (city["reps"] * 2)
            ev_s = city["events"] / city["wall_s"]
            ns1 = 1e9 * city["wall_s"] / city["events"]
            ns64 = 1e9 * x64["wall_s"] / x64["events"]
            figures[(b, "x SimPy (city, 1 thread)")].append(simpy / per_rep)
            figures[(b, "M events/s (city)")].append(ev_s / 1e6)
            figures[(b, "hold M events/s")].append(hold["events_per_s"] / 1e6)
            figures[(b, "fraction of hold rate")].append(ev_s / hold["events_per_s"])
            if hold.get("binary_heap_events_per_s"):  # hold binaries before 2026-12-03 lack it
                figures[(b, "binary-heap hold M events/s")].append(hold["binary_heap_events_per_s"] / 1e6)
                figures[(b, "fraction of binary-heap hold rate")].append(ev_s / hold["binary_heap_events_per_s"])
            if "before" in bins and b == "after":
                before_hold = by[(k, "before")]["hold"]["events_per_s"]
                figures[(b, "fraction of before's hold rate")].append(ev_s / before_hold)
            figures[(b, "ns/event x1 (city)")].append(ns1)
            figures[(b, "ns/event x64")].append(ns64)
            figures[(b, "ns/event x64 / x1")].append(ns64 / ns1)
    simpy_t = [by[(k, "simpy")]["kedjan-city"]["wall_s_per_rep"] for k in rounds]
    print(f"{len(rounds)} rounds; SimPy kedjan city: {statistics.median(simpy_t):.3f} s per replication "
          f"(median; {min(simpy_t):.3f}-{max(simpy_t):.3f})")
    names = []
    for key in figures:
        if key[1] not in names:
            names.append(key[1])
    width = max(len(n) for n in names)
    print(f"{'':{width}}  " + "  ".join(f"{b + ': median (min-max)':>28}" for b in bins))
    for n in names:
        cells = []
        for b in bins:
            v = figures.get((b, n))
            if not v:
                cells.append(f"{'':>28}")
                continue
            prec = 2 if "/ x1" in n or "fraction" in n else 0 if n.startswith("ns/event") else 1
            cells.append(f"{f'{statistics.median(v):.{prec}f} ({min(v):.{prec}f}-{max(v):.{prec}f})':>28}")
        print(f"{n:{width}}  " + "  ".join(cells))
    if "before" in bins:
        sp = [a / b for a, b in zip(figures[("after", "ns/event x1 (city)")], figures[("before", "ns/event x1 (city)")])]
        s64 = [a / b for a, b in zip(figures[("after", "ns/event x64")], figures[("before", "ns/event x64")])]
        print(f"after / before, time per event, same round: city {statistics.median(sp):.2f} "
              f"({min(sp):.2f}-{max(sp):.2f}), x64 {statistics.median(s64):.2f} ({min(s64):.2f}-{max(s64):.2f})")


if __name__ == "__main__":
    main()
