#!/usr/bin/python3
"""The report through the command line, as a user gets it (ctest report.*).

  report_check.py formats  HEMSIM SOURCE_DIR SCRATCH   every shipped case in all four formats
  report_check.py figures  HEMSIM SOURCE_DIR SCRATCH   the default case: figures, sources, determinism,
                                                        a screenshot and the page's console

Reads the PDF with pdftotext (poppler-utils), the Word file's word/document.xml
with zipfile and the workbook with openpyxl (python3-openpyxl), all from Debian.
Prints "report-check: OK" at the end; any failure raises with what was wanted
and what was found.
"""
import csv
import html
import os
import re
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib

NBSP, MINUS = "\u00a0", "\u2212"


def fail(what):
    raise SystemExit("report-check: " + what)


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kw)
    return r


def hemsim(exe, *args):
    r = run([exe, *args])
    if r.returncode != 0:
        fail(f"hemsim {' '.join(args)} exited {r.returncode}:\n{r.stdout}\n{r.stderr}")
    return r.stdout


def sv(x, decimals):
    """A number as the report writes it in Swedish: half away from zero, no-break space, real minus."""
    q = 10 ** decimals
    v = abs(x) * q
    n = int(v)
    if v - n >= 0.5 - 1e-9:
        n += 1
    digits = str(n).rjust(decimals + 1, "0")
    whole, frac = digits[: len(digits) - decimals] if decimals else digits, digits[len(digits) - decimals:]
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    s = NBSP.join(groups) + ("," + frac if decimals else "")
    zero = n == 0
    return (MINUS if x < 0 and not zero else "") + s


def plain(s):
    """Text with no-break spaces as spaces and real minus signs as hyphens (what pdftotext may give)."""
    return s.replace(NBSP, " ").replace(MINUS, "-").replace("\u2009", " ")


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def pdf_text(path):
    r = run(["pdftotext", "-layout", path, "-"])
    if r.returncode != 0:
        fail(f"pdftotext {path}: {r.stderr}")
    return r.stdout


def docx_text(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    # The runs' text, joined: Word may split a figure over runs.
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)), xml


def png_not_blank(path):
    """Decodes an 8-bit RGB(A) PNG and returns the share of pixels that are not near-white."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path} is not a PNG")
    pos, idat, width, height, ctype = 8, b"", 0, 0, 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", chunk[:10])
            if depth != 8 or ctype not in (2, 6):
                fail(f"{path}: a PNG of depth {depth}, colour type {ctype} (the check reads 8-bit RGB/RGBA)")
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + n
    raw = zlib.decompress(idat)
    bpp = 3 if ctype == 2 else 4
    stride = width * bpp
    prev = bytearray(stride)
    dark = 0
    i = 0
    for _ in range(height):
        f = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(0, stride, bpp):
            if line[x] < 200 or line[x + 1] < 200 or line[x + 2] < 200:
                dark += 1
        prev = line
    return dark / max(1, width * height)


def chromium_console(url, shot, scratch):
    """A screenshot of the page and the console messages Chromium logged while loading it."""
    profile = os.path.join(scratch, "chromium-profile")
    r = run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--no-first-run", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
             "--window-size=1240,1754", f"--screenshot={shot}", url],
            env={**os.environ, "HOME": scratch})
    console = [l for l in r.stderr.splitlines() if "CONSOLE" in l]
    return r, console


def check_formats(exe, src, scratch):
    cases = sorted(f for f in os.listdir(os.path.join(src, "scenarios")) if f.endswith(".toml"))
    if not cases:
        fail("no shipped cases found")
    for case in cases:
        out = os.path.join(scratch, case[:-5])
        printed = hemsim(exe, "report", os.path.join(src, "scenarios", case), "-r", "20", "--out", out)
        for name in ("rapport.html", "rapport.pdf", "rapport.docx", "rapport.xlsx", "yearly.csv", "manifest.json"):
            p = os.path.join(out, name)
            if not os.path.isfile(p) or os.path.getsize(p) == 0:
                fail(f"{case}: no {name} (hemsim printed:\n{printed})")
        if "skrevs inte" in printed:
            fail(f"{case}: a format was skipped:\n{printed}")
        page = open(os.path.join(out, "rapport.html"), encoding="utf-8").read()
        for section in ("sammanfattning", "kalkyl", "kostnad", "kumulativ", "betalare", "floden", "osakerhet",
                        "antaganden", "reproducerbarhet"):
            if f'id="{section}"' not in page:
                fail(f"{case}: rapport.html has no section {section}")
        if re.search(r"<(script|link|img)\b", page) or "http://" in page.replace("http://www.w3.org", ""):
            fail(f"{case}: rapport.html is not self-contained (a script, link, image or address)")
        if "nan" in re.findall(r"[a-z]+", page.lower()) and ">nan<" in page.lower():
            fail(f"{case}: rapport.html prints nan")
        print(f"report-check: {case}: html, pdf, docx, xlsx written")


def check_figures(exe, src, scratch):
    case = os.path.join(src, "scenarios", "enheten-for-hemlosa-2007.toml")
    out = os.path.join(scratch, "default")
    args = ["report", case, "-r", "40", "--seed", "7", "--out", out]
    hemsim(exe, *args)
    page = open(os.path.join(out, "rapport.html"), encoding="utf-8").read()
    text_html = html.unescape(re.sub(r"<[^>]+>", " ", page))
    pdf = plain(pdf_text(os.path.join(out, "rapport.pdf")))
    docx, docx_xml = docx_text(os.path.join(out, "rapport.docx"))

    econ = rows(os.path.join(out, "economics.csv"))
    yearly = rows(os.path.join(out, "yearly.csv"))

    def econ_mean(measure, year="total", alt="projekt"):
        for r in econ:
            if r["alternative"] == alt and r["payer"] == "all" and r["year"] == year and r["measure"] == measure:
                return float(r["mean"])
        fail(f"economics.csv has no {measure} {year} for {alt}")

    figures = {}  # what the report shows -> where it comes from
    npv = econ_mean("npv_diff")
    figures[sv(npv / 1e6, 1)] = "npv_diff"
    diff = econ_mean("diff")
    figures[sv(diff / 1e6, 1)] = "diff total"
    years = sorted({r["year"] for r in yearly if r["year"] != "total"})
    for y in years:
        figures[sv(econ_mean("diff", y) / 1e6, 1)] = f"diff {y}"
    p_saving = econ_mean("p_saving")
    figures[sv(p_saving * 100, 0) + NBSP + "%"] = "p_saving"
    spk = econ_mean("savings_per_krona")
    figures[sv(spk, 2)] = "savings_per_krona"
    for r in yearly:
        if r["metric"] == "cost_total":
            figures[sv(float(r["mean"]) / 1e6, 1)] = f"cost_total {r['alternative']} {r['year']}"

    for shown, what in figures.items():
        if shown not in text_html:
            fail(f"rapport.html does not show {what} as {shown!r}")
        if plain(shown) not in pdf:
            fail(f"rapport.pdf does not show {what} as {plain(shown)!r}")
        if shown not in docx:
            fail(f"rapport.docx does not show {what} as {shown!r}")
    print(f"report-check: {len(figures)} figures equal the CSVs' in html, pdf and docx")

    # The workbook holds the same figures as numbers.
    import openpyxl
    wb = openpyxl.load_workbook(os.path.join(out, "rapport.xlsx"))
    numbers = []
    for ws in wb.worksheets[:3]:
        for row in ws.iter_rows(values_only=True):
            numbers += [v for v in row if isinstance(v, (int, float))]
    wanted = {"npv_diff": npv, "diff total": diff, "p_saving": p_saving, "savings_per_krona": spk}
    for y in years:
        wanted[f"diff {y}"] = econ_mean("diff", y)
    for r in yearly:
        if r["metric"] == "cost_total" and r["year"] != "total":
            wanted[f"cost_total {r['alternative']} {r['year']}"] = float(r["mean"])
    for what, v in wanted.items():
        # Kronor to the krona; shares and ratios to the hundredth shown.
        tol = 0.5 if abs(v) > 100 else 0.005
        if not any(abs(n - v) <= tol for n in numbers):
            fail(f"rapport.xlsx has no cell equal to {what} = {v}")
    print(f"report-check: {len(wanted)} figures equal the CSVs' in the workbook's cells")

    # Every source note of the case and its model is in Antaganden (HTML and the sheet).
    model = re.search(r'^model\s*=\s*"([^"]+)"', open(case, encoding="utf-8").read(), re.M).group(1)
    notes = []
    for f in (case, os.path.normpath(os.path.join(os.path.dirname(case), model))):
        notes += re.findall(r'\b(?:source|note)\s*=\s*"((?:[^"\\]|\\.)*)"', open(f, encoding="utf-8").read())
    if len(notes) < 10:
        fail(f"only {len(notes)} source notes found in the case's files")
    assumptions = text_html[text_html.find("9. Antaganden"):]
    sheet = " ".join(str(v) for ws in wb.worksheets if ws.title == "Antaganden"
                     for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    for n in notes:
        n = n.replace('\\"', '"')
        if n not in assumptions:
            fail(f"the Antaganden section lacks the source note {n!r}")
        if n not in sheet:
            fail(f"the Antaganden sheet lacks the source note {n!r}")
    print(f"report-check: all {len(notes)} source notes are in Antaganden (section and sheet)")

    # The bridge's lines add up to the simulated figure (the table as printed).
    m = re.search(r'id="kalkyl".*?<table>(.*?)</table>.*?<table>(.*?)</table>', page, re.S)
    if not m:
        fail("rapport.html has no bridge table")
    cells = [re.findall(r"<td[^>]*>([^<]*)</td>", tr) for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", m.group(2), re.S)]
    amounts = [int(plain(c[1]).replace(" ", "").replace("-", "-")) for c in cells if len(c) == 2]
    if len(amounts) < 3 or sum(amounts[:-1]) != amounts[-1]:
        fail(f"the bridge's lines {amounts[:-1]} do not add up to {amounts[-1]}")
    print(f"report-check: the bridge's {len(amounts) - 1} lines add up to {amounts[-1]} kr exactly")

    # Byte-identical HTML and workbook from a second run of the same command.
    first = {n: open(os.path.join(out, n), "rb").read() for n in ("rapport.html", "rapport.xlsx", "rapport.docx")}
    hemsim(exe, *args)
    for n, b in first.items():
        if open(os.path.join(out, n), "rb").read() != b:
            fail(f"{n} differs between two runs of the same command")
    print("report-check: rapport.html, rapport.xlsx and rapport.docx are byte-identical over two runs")

    # A screenshot that is not blank, and a console without errors; the check
    # itself is shown to catch an error on a page that has one.
    artefacts = os.path.join(scratch, "artefacts")
    os.makedirs(artefacts, exist_ok=True)
    shot = os.path.join(artefacts, "rapport-screenshot.png")
    r, console = chromium_console("file://" + os.path.join(out, "rapport.html"), shot, scratch)
    if not os.path.isfile(shot):
        fail(f"Chromium took no screenshot: {r.stderr[-500:]}")
    ink = png_not_blank(shot)
    if ink < 0.01:
        fail(f"the screenshot {shot} is blank ({ink:.4f} of its pixels are not white)")
    errors = [l for l in console if re.search(r"error|uncaught", l, re.I)]
    if errors:
        fail("the page's console has errors:\n" + "\n".join(errors))
    bad = os.path.join(scratch, "bad.html")
    with open(bad, "w") as f:
        f.write("<html><body>x<script>console.error('deliberate'); undefined_function();</script></body></html>")
    _, bad_console = chromium_console("file://" + bad, os.path.join(scratch, "bad.png"), scratch)
    if not any("deliberate" in l for l in bad_console):
        fail("the console check does not see a page's console.error: " + repr(bad_console))
    print(f"report-check: screenshot {shot} ({ink:.0%} of it drawn), no console errors")


def main():
    if len(sys.argv) != 5 or sys.argv[1] not in ("formats", "figures"):
        fail(__doc__)
    what, exe, src, scratch = sys.argv[1:]
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    for tool in ("chromium", "pdftotext", "pandoc", "dot", "rsvg-convert"):
        if not shutil.which(tool):
            fail(f"{tool} is missing: scripts/bootstrap.sh installs it")
    (check_formats if what == "formats" else check_figures)(exe, src, scratch)
    print("report-check: OK")


if __name__ == "__main__":
    main()
