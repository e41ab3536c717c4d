#!/usr/bin/python3
"""The speed and memory table of bench/run.sh (see bench/README.md).

Usage: table.py OUT_DIR THREADS SET [SET ...]
Reads, per set, OUT_DIR/SET/: hemsim-1/manifest.json, hemsim-all/manifest.json,
simpy.json and the /usr/bin/time -v reports time-hemsim-1.txt,
time-hemsim-all.txt, time-simpy.txt; OUT_DIR/base/: the same for one
replication of kedjan-small (a run with few clients, the baseline for memory
per client); and OUT_DIR/hold.json.

Bytes per client = (peak RSS - peak RSS of the baseline run) / (peak clients -
the baseline's peak clients), shown for sets with >= 1000 clients at the peak
(below that the difference is noise and result tables). SimPy does not report
its peak client count: its column divides by hemsim's (the same model, the
same distribution of the count).
"""
import json
import re
import sys


def rss_kb(path):
    with open(path, encoding="utf-8") as f:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", f.read())
    return int(m.group(1)) if m else float("nan")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def si(x):
    if x != x:
        return "-"
    for div, unit in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(x) >= div:
            return f"{x / div:.3g}{unit}"
    return f"{x:.3g}"


def secs(x):
    if x >= 1:
        return f"{x:.3g} s"
    if x >= 1e-3:
        return f"{x * 1e3:.3g} ms"
    return f"{x * 1e6:.3g} us"


def main(argv):
    out, threads, sets = argv[0], argv[1], argv[2:]
    base_h, base_s = rss_kb(f"{out}/base/time-hemsim.txt"), rss_kb(f"{out}/base/time-simpy.txt")
    base_peak = load(f"{out}/base/hemsim/manifest.json")["peak_clients_present"]
    rows = []
    city_rate = None
    for s in sets:
        d = f"{out}/{s}"
        h1, hn, sp = load(f"{d}/hemsim-1/manifest.json"), load(f"{d}/hemsim-all/manifest.json"), load(f"{d}/simpy.json")
        A = len(h1["alternatives"])
        R = h1["replications"]
        t1 = h1["simulation_wall_seconds"] / (R * A)
        tn = hn["simulation_wall_seconds"] / (R * A)
        ts = sp["wall_s_per_rep"]
        e1 = h1["events"] / h1["simulation_wall_seconds"]
        en = hn["events"] / hn["simulation_wall_seconds"]
        es_model, es_raw = sp["model_events_per_s"], sp["events_per_s"]
        r1, rn, rs = rss_kb(f"{d}/time-hemsim-1.txt"), rss_kb(f"{d}/time-hemsim-all.txt"), rss_kb(f"{d}/time-simpy.txt")
        peak = h1["peak_clients_present"]
        if peak >= 1000:
            bpc_h = f"{(r1 - base_h) * 1024 / (peak - base_peak):.0f}"
            bpc_s = f"{(rs - base_s) * 1024 / (peak - base_peak):.0f}"
        else:
            bpc_h = bpc_s = "-"
        if s == "kedjan-city":
            city_rate = e1
        rows.append([s, str(R), secs(t1), secs(tn), secs(ts), si(e1), si(en), si(es_model), si(es_raw),
                     f"{r1 / 1024:.1f}", f"{rs / 1024:.1f}", str(peak), bpc_h, bpc_s,
                     f"{t1 / ts:.3f}", f"{e1 / es_model:.1f}", f"{r1 / rs:.2f}"])
    head = ["set", "reps", "t/rep h-1", f"t/rep h-{threads}", "t/rep simpy", "ev/s h-1", f"ev/s h-{threads}",
            "ev/s sp-mod", "ev/s sp-raw", "RSS MB h", "RSS MB sp", "peak cl", "B/cl h", "B/cl sp",
            "time h/sp", "ev/s h/sp", "RSS h/sp"]
    w = [max(len(head[i]), *(len(r[i]) for r in rows)) for i in range(len(head))]
    line = lambda r: "  ".join(c.rjust(w[i]) if i else c.ljust(w[i]) for i, c in enumerate(r))
    print(line(head))
    print("  ".join("-" * x for x in w))
    for r in rows:
        print(line(r))
    print(f"(h = hemsim, 1 thread and {threads} threads; sp = SimPy; t/rep = simulation wall time per replication "
          f"of ONE system: hemsim's simulation_wall_seconds / (reps x 2 alternatives); ev/s sp-mod = SimPy's model "
          f"events/s (timed model events, comparable with hemsim's events), sp-raw = all SimPy events; RSS = peak "
          f"resident memory of the whole process (hemsim: the 1-thread run); B/cl = extra RSS per extra client present at "
          f"the peak against a 1-replication kedjan-small run, for sets with >= 1000 clients (SimPy: hemsim's peak count); ratios hemsim 1 thread / SimPy)")
    try:
        hold = load(f"{out}/hold.json")
        hr = hold["events_per_s"]
        msg = f"hold model on hemsim's event set (N = {hold['pending']} pending): {si(hr)} events/s"
        if city_rate:
            msg += f"; hemsim kedjan-city, 1 thread: {si(city_rate)} events/s = {100 * city_rate / hr:.0f} % of it"
        print(msg)
    except OSError:
        print("hold model: not run")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
