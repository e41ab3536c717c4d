#include "web/page.hpp"

namespace hemsim::web {

namespace {

// clang-format off
constexpr const char* page = R"PAGE(<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<title>hemsim</title>
<link rel="icon" href="data:,">
<style>
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 14px; margin: 0; color: #1a1a1a; }
header { background: #0b3d62; color: #fff; padding: 10px 20px; display: flex; gap: 20px; align-items: center; }
header h1 { font-size: 18px; margin: 0; }
header .lang { margin-left: auto; }
header button { background: none; border: 1px solid #fff; color: #fff; padding: 2px 8px; cursor: pointer; }
main { display: grid; grid-template-columns: 260px 1fr; gap: 20px; padding: 16px 20px; }
nav ul { list-style: none; padding: 0; margin: 0; }
nav li { margin: 0 0 6px 0; }
nav button { width: 100%; text-align: left; padding: 6px 8px; border: 1px solid #ccd; background: #f6f7fa; cursor: pointer; }
nav .case-meta { color: #555; font-size: 11px; margin-top: 2px; }
nav button.current { background: #dde8f3; border-color: #0b3d62; }
table.form { border-collapse: collapse; margin: 4px 0 14px 0; }
table.form th, table.form td { border-bottom: 1px solid #ddd; padding: 3px 6px; vertical-align: top; text-align: left; }
table.form th { background: #eef0f3; }
table.form input { width: 110px; text-align: right; font: inherit; }
td.changed input { background: #fff4d6; border-color: #d59a00; }
td.differs { box-shadow: inset 3px 0 0 #0072b2; }
tr.group th { background: #dde8f3; font-size: 13px; }
td.bad input { background: #ffe4e4; border-color: #c00; }
.msg { color: #b00; font-size: 12px; max-width: 320px; }
.src { color: #666; font-size: 11px; max-width: 360px; }
textarea.src-edit { width: 320px; font: inherit; font-size: 11px; color: #444; border: 1px solid #ddd; resize: vertical; }
td.changed textarea { background: #fff4d6; border-color: #d59a00; }
.run { margin: 12px 0; display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
progress { width: 260px; height: 16px; }
.summary { background: #eef6ee; border-left: 4px solid #2a7a2a; padding: 8px 12px; margin: 10px 0; }
.error { background: #ffecec; border-left: 4px solid #c00; padding: 8px 12px; margin: 10px 0; white-space: pre-wrap; }
iframe { width: 100%; height: 900px; border: 1px solid #ccc; }
.limits { color: #555; font-size: 12px; }
.path { color: #888; font-size: 10px; font-family: "DejaVu Sans Mono", monospace; }
table.settings td { padding: 3px 8px 3px 0; vertical-align: top; }
table.settings input { width: 110px; font: inherit; }
table.lines input[data-key="item"] { width: 230px; text-align: left; }
table.lines input[data-key="start"], table.lines input[data-key="end"] { width: 95px; text-align: left; }
table.lines select { font: inherit; max-width: 260px; }
</style>
</head>
<body>
<header><h1>hemsim</h1><span id="tagline"></span>
<span class="lang"><button id="lang-sv" type="button">svenska</button> <button id="lang-en" type="button">English</button></span></header>
<main>
<nav><h2 id="t-cases"></h2><ul id="cases"></ul><button type="button" id="new-case"></button><p class="limits" id="limits"></p></nav>
<section id="case"><p id="t-pick"></p></section>
</main>
<script>
"use strict";
const TOKEN = "@TOKEN@", MAX_REPS = @MAX_REPS@, MAX_HORIZON = @MAX_HORIZON@, MAX_CLIENTS = @MAX_CLIENTS@;
const T = {
  sv: { tagline: "affärsfall mot hemlöshet, med nollalternativet", cases: "Fall", pick: "Välj ett fall till vänster.",
        field: "Tal", source: "Källa", run: "Kör", cancel: "Avbryt", reps: "Simulerade framtider",
        queued: n => `Väntar i kö: ${n} körning(ar) före.`, running: (d, t) => `Kör: ${d} av ${t} simuleringar klara.`,
        done: "Klar.", failed: "Körningen misslyckades:", cancelled: "Avbruten.",
        diff: (a, v, u, lo, hi) => `${a}: skillnad mot nollalternativet ${v} ${u} över horisonten (i 90 % av framtiderna ${lo} till ${hi} ${u}).`,
        npv: (v, u) => `Nuvärde av skillnaden: ${v} ${u}.`, p: v => `Sannolikhet att kosta mindre: ${v} %.`,
        downloads: "Ladda ner:", changed: "ändrat från", limits: () => `Servern kör högst ${MAX_REPS} framtider, ${MAX_HORIZON} månader och ${num(MAX_CLIENTS, 0)} klienter per framtid och körning.`,
        horizon: (s, m) => `Start ${s}, ${m} månader.`, differs: "skiljer sig från nollalternativet",
        groups: { placement: "Boendeformer och priser", staff: "Personal", service: "Insatser", supply: "Lägenheter och andra platser",
                  attribute: "Klienternas behov", group: "Klienter i dag och nya om året", transition: "Flyttar och vistelsetider",
                  alternative: "Projektets kostnader" }, save: "Spara som", saved: n => `Sparat som ${n}.`,
        replace: n => `Det finns redan ett fall som heter ${n}. Ersätta det?`,
        newcase: "Ny ansökan", next: "Nästa", back: "Tillbaka", step: (k, n) => `Steg ${k} av ${n}`,
        wizard: "En ny ansökan utgår från mallen bostadskedjan (stödboende → träningslägenhet → eget kontrakt, med härbärge och misslyckanden; priser och beläggning från källorna). Svara på några frågor; resten kan ändras i formuläret sedan.",
        steps: ["När börjar ansökans första år? (datum, t.ex. 2027-01-01; fallets alla datum flyttas med)", "Hur många klienter bor i stödboende i dag och är redo att flytta?", "Vad kostar en plats i stödboende per månad (kr)?",
                "Hur många lägenheter om året får ni i dag?", "Hur många lägenheter om året får ni med projektet (från mars första året)?",
                "Vad ska fallet heta? (bokstäver, siffror, - och _)"],
        settings: "Fallets ramar", months: "mån", stepTitle: "Nytt datumsteg (t.ex. 45 fler lägenheter från mars)", stepAdd: "Lägg till steg",
        stepFrom: "från", stepRemove: "ta bort", stepsPending: "Nya steg (sparas och körs med fallet):", shift: "flytta fallets alla datum med starten", start: "Start (datum)", horizonM: "Horisont (månader)", rate: "Diskonteringsränta (% per år)",
        plTitle: "Projektets kostnadsrader", addLine: "Ny kostnadsrad", perYear: "per år", oneOff: "engång", fromPool: "tjänsternas årskostnad",
        pl: { item: "Post", amount: "Belopp (kr)", start: "Från", end: "Till", payer: "Betalare", staff: "Finansierar personal", fte: "Tjänster" },
        addAlt: "Lägg till alternativ (kopia av nollalternativet)", altName: "Nytt alternativs namn", isNew: "ny",
        from: d => d === "start" ? ", från start" : `, från ${d}`,
        keys: { price_per_month: "pris", price_per_day: "pris", fte: "tjänster", caseload: "klienter per tjänst",
                annual_cost_per_fte: "årskostnad per tjänst", service_slots: "ärenden per tjänst", per_year: "antal", count: "antal",
                probability: "andel", capacity: "platser", after: "vistelsetid", mean: "medel", sd: "standardavvikelse", min: "minst",
                mode: "troligast", max: "högst", one_off: "engångsbelopp", cost_per_day: "kostnad", cost_per_month: "kostnad",
                elapsed_days: "redan gångna dygn", max_stay_days: "längsta vistelse (dygn)", initial: "i dag", arrivals: "nya",
                probabilities: "andel med", project_cost: "projektkostnad", duration: "längd" } },
  en: { tagline: "business cases against homelessness, with the nollalternativ", cases: "Cases", pick: "Pick a case on the left.",
        field: "Figure", source: "Source", run: "Run", cancel: "Cancel", reps: "Simulated futures",
        queued: n => `Waiting in line: ${n} run(s) before this one.`, running: (d, t) => `Running: ${d} of ${t} simulations done.`,
        done: "Done.", failed: "The run failed:", cancelled: "Cancelled.",
        diff: (a, v, u, lo, hi) => `${a}: difference against the nollalternativ ${v} ${u} over the horizon (in 90 % of the futures ${lo} to ${hi} ${u}).`,
        npv: (v, u) => `Present value of the difference: ${v} ${u}.`, p: v => `Probability of costing less: ${v} %.`,
        downloads: "Download:", changed: "changed from", limits: () => `The server runs at most ${MAX_REPS} futures, ${MAX_HORIZON} months and ${num(MAX_CLIENTS, 0)} clients a future in a run.`,
        horizon: (s, m) => `Start ${s}, ${m} months.`, differs: "differs from the nollalternativ",
        groups: { placement: "Forms of housing and prices", staff: "Staff", service: "Services", supply: "Apartments and other places",
                  attribute: "The clients' needs", group: "Clients today and new a year", transition: "Moves and stays",
                  alternative: "The project's costs" }, save: "Save as", saved: n => `Saved as ${n}.`,
        replace: n => `A case called ${n} exists. Replace it?`,
        newcase: "New application", next: "Next", back: "Back", step: (k, n) => `Step ${k} of ${n}`,
        wizard: "A new application starts from the housing-chain template (support housing → trial apartment → own lease, with shelters and failures; prices and caseloads from the sources). Answer a few questions; the rest can be changed in the form afterwards.",
        steps: ["When does the application's first year begin? (a date, e.g. 2027-01-01; every date of the case moves with it)", "How many clients live in support housing today, ready to move on?", "What does a place in support housing cost a month (kr)?",
                "How many apartments a year do you get today?", "How many apartments a year with the project (from March of the first year)?",
                "What shall the case be called? (letters, digits, - and _)"],
        settings: "The case's frame", months: "months", stepTitle: "New dated step (e.g. 45 more apartments from March)", stepAdd: "Add the step",
        stepFrom: "from", stepRemove: "remove", stepsPending: "New steps (saved and run with the case):", shift: "move every date of the case with the start", start: "Start (date)", horizonM: "Horizon (months)", rate: "Discount rate (% a year)",
        plTitle: "The project's cost lines", addLine: "New cost line", perYear: "a year", oneOff: "one-off", fromPool: "the posts' annual cost",
        pl: { item: "Item", amount: "Amount (kr)", start: "From", end: "To", payer: "Payer", staff: "Funds staff", fte: "Posts" },
        addAlt: "Add an alternative (a copy of the nollalternativ)", altName: "The new alternative's name", isNew: "new",
        from: d => d === "start" ? ", from the start" : `, from ${d}`,
        keys: { price_per_month: "price", price_per_day: "price", fte: "posts", caseload: "clients per post",
                annual_cost_per_fte: "annual cost per post", service_slots: "cases per post", per_year: "number", count: "number",
                probability: "share", capacity: "places", after: "stay", mean: "mean", sd: "standard deviation", min: "min",
                mode: "most likely", max: "max", one_off: "one-off amount", cost_per_day: "cost", cost_per_month: "cost",
                elapsed_days: "days already passed", max_stay_days: "longest stay (days)", initial: "today", arrivals: "new",
                probabilities: "share with", project_cost: "project cost", duration: "length" } }
};
let lang = "sv", current = null, job = null, timer = null, added = [], newLines = 0, steps = [];
const $ = id => document.getElementById(id);
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const k of kids) e.append(k);
  return e;
};
// Swedish numbers for reading: decimal comma, no-break space, real minus.
function num(x, d) {
  const s = Math.abs(x).toFixed(d).split(".");
  const whole = s[0].replace(/\B(?=(\d{3})+(?!\d))/g, lang === "sv" ? "\u00a0" : ",");
  const out = whole + (s[1] ? (lang === "sv" ? "," : ".") + s[1] : "");
  return (x < 0 && Number(out.replace(/[^0-9]/g, "")) !== 0 ? "\u2212" : "") + out;
}
function typed(v) { return lang === "sv" ? String(v).replace(".", ",") : String(v); }
async function api(path, body) {
  const r = await fetch(path, body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json", "X-Hemsim-Token": TOKEN }, body: JSON.stringify(body) });
  const j = await r.json();
  if (!r.ok) throw j;
  return j;
}
function texts() {
  document.documentElement.lang = lang;
  $("tagline").textContent = T[lang].tagline;
  $("t-cases").textContent = T[lang].cases;
  $("limits").textContent = T[lang].limits();
  if ($("t-pick")) $("t-pick").textContent = T[lang].pick;
  $("new-case").textContent = T[lang].newcase;
}
async function loadCases() {
  const list = await api("/api/cases");
  $("cases").replaceChildren(...list.map(c => {
    const b = el("button", { type: "button", "data-case": c.id }, c.title || c.id,
      el("div", { class: "case-meta" }, c.error ? c.error : `${c.model} · ${c.horizon_months} ${T[lang].months} · ${c.alternatives.join(", ")}`));
    b.onclick = () => openCase(c.id);
    if (current && current.id === c.id) b.classList.add("current");
    return el("li", {}, b);
  }));
}
// The form: one row per input of the model, one column per alternative.
async function openCase(id) {
  current = await api("/api/case?id=" + encodeURIComponent(id));
  added = []; steps = [];
  for (const b of document.querySelectorAll("nav button")) b.classList.toggle("current", b.dataset.case === id);
  render();
}
// A number's name in words (the path below it, small, for --set and the docs).
function label(p) {
  const [base, at] = p.split("@");
  const words = base.split(".").slice(1).map(x => T[lang].keys[x] || x.replace(/_/g, " "));
  return words.join(" · ") + (at ? T[lang].from(at) : "");
}
// The form, with the alternatives added so far (copies of the nollalternativ) and,
// when re-drawn, what was typed before.
function render(keep = { changes: [], settings: {}, lines: [] }) {
  const base = current.alternatives.find(a => a.baseline);
  const alts = current.alternatives.concat(added.map(a => ({ id: a.id, name: a.name, baseline: false, added: true, inputs: base.inputs,
                                                              project_costs: base.project_costs })));
  const paths = [];
  // The project lines' amounts are in their own tables below.
  for (const a of alts) for (const i of a.inputs) if (!paths.includes(i.path) && !/^alternative\.[^.]+\.project_cost\./.test(i.path)) paths.push(i.path);
  const head = el("tr", {}, el("th", {}, T[lang].field), ...alts.map(a => el("th", {}, a.name + (a.added ? " (" + T[lang].isNew + ")" : ""))),
                  el("th", {}, T[lang].source));
  // Grouped as an application is: housing and prices, staff, services, supplies, clients, moves, project costs.
  const order = ["placement", "staff", "service", "supply", "attribute", "group", "transition", "alternative"];
  const kind = p => p.split(".")[0];
  paths.sort((a, b) => (order.indexOf(kind(a)) + 99) % 99 - (order.indexOf(kind(b)) + 99) % 99);
  const baseline = alts.find(a => a.baseline);
  const rows = [];
  let last = "";
  for (const p of paths) {
    if (kind(p) !== last) {
      last = kind(p);
      rows.push(el("tr", { class: "group" }, el("th", { colspan: String(alts.length + 2) }, T[lang].groups[last] || last)));
    }
    rows.push(row(p));
  }
  function row(p) {
    const cells = alts.map(a => {
      const i = a.inputs.find(x => x.path === p);
      if (!i) return el("td", {}, "");
      if (i.uncertain) return el("td", { title: i.distribution }, i.distribution);
      const input = el("input", { type: "text", inputmode: "decimal", value: typed(i.value),
        "data-alt": a.id, "data-path": p, "data-orig": String(i.value), "aria-label": a.name + " " + p });
      input.oninput = () => { mark(input); validateSoon(); };
      return el("td", {}, input, el("div", { class: "msg" }));
    });
    const any = alts.map(a => a.inputs.find(x => x.path === p)).find(x => x);
    const src = any ? (any.source || any.note || "") : "";
    alts.forEach((a, k) => {
      if (a.baseline || !baseline) return;
      const mine = a.inputs.find(x => x.path === p), theirs = baseline.inputs.find(x => x.path === p);
      if (mine && (!theirs || mine.value !== theirs.value || mine.uncertain !== theirs.uncertain)) {
        cells[k].classList.add("differs");
        cells[k].title = T[lang].differs;
      }
    });
    // The source note, editable: it is saved where the first alternative's number is written.
    const owner = alts.find(a => a.inputs.some(x => x.path === p));
    const note = el("textarea", { class: "src-edit", rows: "2", "data-alt": owner.id, "data-path": p, "data-orig": src,
                                  "aria-label": T[lang].source + " " + p });
    note.value = src;
    note.oninput = () => note.parentElement.classList.toggle("changed", note.value !== note.dataset.orig);
    return el("tr", {}, el("td", {}, label(p) + (any && any.unit ? " (" + any.unit + ")" : ""), el("div", { class: "path" }, p)),
              ...cells, el("td", { class: "src" }, note));
  }
  const reps = el("input", { type: "text", id: "reps", value: String(Math.min(current.replications, MAX_REPS)), size: 6 });
  const run = el("button", { type: "button", id: "run" }, T[lang].run);
  const cancel = el("button", { type: "button", id: "cancel", disabled: "" }, T[lang].cancel);
  run.onclick = startRun;
  const name = el("input", { type: "text", id: "save-name", size: 18,
    value: current.id.replace(/^(shipped|own)\//, "") + (current.id.startsWith("own/") ? "" : "-kopia") });
  const save = el("button", { type: "button", id: "save" }, T[lang].save);
  save.onclick = () => saveCase(false);
  cancel.onclick = () => job && api("/api/jobs/" + job + "/cancel", {});
  // The case's frame: start, horizon, discount rate.
  const setting = (path, text, orig) => {
    const input = el("input", { type: "text", "data-path": path, "data-orig": orig, "aria-label": text });
    input.value = keep.settings[path] !== undefined ? keep.settings[path] : orig;
    input.oninput = () => { markSetting(input); validateSoon(); };
    return el("tr", {}, el("td", {}, text), el("td", {}, input, el("div", { class: "msg" })));
  };
  const shift = el("input", { type: "checkbox", id: "shift-dates" });
  shift.checked = keep.shift !== undefined ? keep.shift : true;
  const frame = el("table", { class: "settings" },
    setting("settings.start", T[lang].start, current.start),
    el("tr", {}, el("td", {}), el("td", {}, el("label", {}, shift, " " + T[lang].shift))),
    setting("settings.horizon_months", T[lang].horizonM, String(current.horizon_months)),
    setting("settings.discount_rate_percent", T[lang].rate, typed(Math.round(current.discount_rate * 1e10) / 1e8)));
  const altName = el("input", { type: "text", id: "new-alt-name", size: 24, "aria-label": T[lang].altName, placeholder: T[lang].altName });
  const addAlt = el("button", { type: "button", id: "add-alt" }, T[lang].addAlt);
  addAlt.onclick = () => {
    const name = altName.value.trim();
    if (!name) { altName.focus(); return; }
    let id = name.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 32) || "alternativ";
    const taken = x => current.alternatives.some(a => a.id === x) || added.some(a => a.id === x);
    for (let k = 2, stem = id; taken(id); k++) id = stem + "_" + k;
    const before = { changes: changes(), settings: typedSettings(), lines: projectLines(true), shift: $("shift-dates") ? $("shift-dates").checked : true };
    added.push({ id, name });
    render(before);
    validateSoon();
  };
  $("case").replaceChildren(
    el("h2", {}, current.title), el("h3", {}, T[lang].settings), frame,
    el("table", { class: "form" }, el("thead", {}, head), el("tbody", {}, ...rows)),
    stepPanel(alts, paths),
    el("div", { class: "run" }, altName, addAlt),
    el("h3", {}, T[lang].plTitle), ...alts.filter(a => !a.baseline || a.project_costs.length).map(a => projectTable(a, keep.lines || [])),
    el("div", { class: "run" }, name, save, el("span", { id: "save-status" })),
    el("div", { class: "run" }, el("label", {}, T[lang].reps + " ", reps), run, cancel,
       el("progress", { id: "progress", max: "1", value: "0" }), el("span", { id: "status" })),
    el("div", { id: "result" }));
  for (const c of keep.changes) {
    const sel = `[data-alt="${CSS.escape(c.alternative)}"][data-path="${CSS.escape(c.path)}"]`;
    const e = document.querySelector((c.source !== undefined ? "textarea" : "input") + sel);
    if (e) { e.value = c.source !== undefined ? c.source : c.value; if (e.oninput) e.oninput(); }
  }
  for (const i of document.querySelectorAll("input[data-alt][data-path]")) mark(i);
  for (const i of document.querySelectorAll("input[data-path^='settings.']")) markSetting(i);
}
// New dated steps of a schedule: which alternative, which schedule, from when, what value.
function stepPanel(alts, paths) {
  const scheduled = /^(placement|staff|supply|attribute)\.[^.]+\.(per_year|fte|annual_cost_per_fte|capacity|price_per_day|price_per_month|cost_per_day|cost_per_month)$/;
  const bases = [...new Set(paths.map(p => p.split("@")[0]).filter(p => scheduled.test(p)))];
  const alt = el("select", { id: "step-alt", "aria-label": "alternative" }, ...alts.map(a => el("option", { value: a.id }, a.name)));
  const nonBase = alts.find(a => !a.baseline);
  if (nonBase) alt.value = nonBase.id;
  const path = el("select", { id: "step-path", "aria-label": "schedule" }, ...bases.map(p => el("option", { value: p }, label(p))));
  const from = el("input", { type: "text", id: "step-from", size: 11, placeholder: "2027-03-01", "aria-label": T[lang].stepFrom });
  const value = el("input", { type: "text", id: "step-value", size: 8, inputmode: "decimal", "aria-label": "value" });
  const add = el("button", { type: "button", id: "step-add" }, T[lang].stepAdd);
  const list = el("ul", { id: "steps" });
  const pending = el("p", { class: "limits" });
  const show = () => { pending.textContent = steps.length ? T[lang].stepsPending : ""; list.replaceChildren(...steps.map((st, k) => {
    const rm = el("button", { type: "button" }, T[lang].stepRemove);
    rm.onclick = () => { steps.splice(k, 1); show(); validateSoon(); };
    const a = alts.find(x => x.id === st.alternative);
    return el("li", { "data-path": `steps.${st.path}@${st.from}` }, `${a ? a.name : st.alternative}: ${label(st.path)} ${T[lang].stepFrom} ${st.from} = ${st.value} `, rm,
              el("span", { class: "msg" }));
  })); };
  add.onclick = () => {
    if (!from.value.trim() || !value.value.trim()) return;
    steps.push({ alternative: alt.value, path: path.value, from: from.value.trim(), value: value.value.trim() });
    from.value = ""; value.value = "";
    show(); validateSoon();
  };
  show();
  return el("div", { class: "steps" }, el("h4", {}, T[lang].stepTitle), el("div", { class: "run" }, alt, path, T[lang].stepFrom, from, "=", value, add),
            pending, list);
}
// An alternative's project lines: what, how much, when, who pays, which staff they fund.
function projectTable(a, keepLines) {
  const cols = ["item", "amount", "start", "end", "payer", "staff", "fte"];
  const body = el("tbody");
  a.project_costs.forEach((l, k) => body.append(plRow(a, k + 1, l, keepLines.find(x => x.alternative === a.id && x.line === k + 1))));
  for (const x of keepLines) if (x.alternative === a.id && x.line === 0) body.append(plRow(a, 0, null, x));
  const add = el("button", { type: "button", class: "add-line", "data-alt": a.id }, T[lang].addLine);
  add.onclick = () => body.append(plRow(a, 0, null, null));
  return el("div", {}, el("h4", {}, a.name),
    el("table", { class: "form lines", "data-lines": a.id }, el("thead", {}, el("tr", {}, ...cols.map(c => el("th", {}, T[lang].pl[c])))), body), add);
}
function plRow(a, n, l, kept) {
  const row = n ? `${a.id}.${n}` : `${a.id}.0.${++newLines}`;
  const field = (key, orig, options) => {
    const e = options ? el("select", {}, ...options.map(([v, t]) => { const o = el("option", { value: v }, t); return o; }))
                      : el("input", { type: "text" });
    e.setAttribute("data-pl", row); e.setAttribute("data-key", key); e.setAttribute("data-orig", orig);
    e.setAttribute("data-path", `project.${a.id}.${n}.${key}`); e.setAttribute("aria-label", T[lang].pl[key] || key);
    e.value = kept && kept.fields[key] !== undefined ? kept.fields[key] : orig;
    e.oninput = e.onchange = () => { e.parentElement.classList.toggle("changed", n > 0 && e.value !== e.dataset.orig); validateSoon(); };
    const td = el("td", {}, e, el("div", { class: "msg" }));
    if (n > 0 && e.value !== orig) td.classList.add("changed");
    return td;
  };
  const payers = current.payers.map(p => [p.id, p.name || p.id]);
  const staff = [["", "—"]].concat(current.staff.map(x => [x, x]));
  let amount;
  if (n > 0) {
    const path = `alternative.${a.id}.project_cost.${n}.` + (l.one_off ? "one_off" : "per_year");
    const i = a.inputs.find(x => x.path === path);
    if (i) {
      const input = el("input", { type: "text", inputmode: "decimal", value: typed(i.value), "data-alt": a.id, "data-path": path,
                                  "data-orig": String(i.value), "aria-label": l.item });
      input.oninput = () => { mark(input); validateSoon(); };
      amount = el("td", {}, input, " " + (l.one_off ? T[lang].oneOff : T[lang].perYear), el("div", { class: "msg" }));
    } else {
      amount = el("td", {}, T[lang].fromPool);
    }
  } else {
    amount = field("amount", "");
    const kind = el("select", { "data-pl": row, "data-key": "amount_kind", "data-orig": "per_year", "aria-label": T[lang].pl.amount },
                    el("option", { value: "per_year" }, T[lang].perYear), el("option", { value: "one_off" }, T[lang].oneOff));
    if (kept && kept.kind) kind.value = kept.kind;
    amount.insertBefore(kind, amount.querySelector(".msg"));
  }
  return el("tr", { "data-row": row }, field("item", l ? l.item : ""), amount, field("start", l ? l.start : ""), field("end", l ? l.end : ""),
            field("payer", l ? l.payer : (current.payers[0] || {}).id || "", payers), field("staff", l ? l.staff : "", staff),
            field("fte", l && l.fte !== "" ? typed(l.fte) : ""));
}
// The project lines changed or added, as the server takes them.
function projectLines(forKeep) {
  const rows = new Map();
  for (const e of document.querySelectorAll("[data-pl]")) {
    const [alt, line] = e.dataset.pl.split(".");
    if (line !== "0" && e.value === e.dataset.orig) continue;
    if (!rows.has(e.dataset.pl)) rows.set(e.dataset.pl, { alternative: alt, line: Number(line), fields: {} });
    rows.get(e.dataset.pl).fields[e.dataset.key] = e.value;
  }
  const out = [];
  for (const r of rows.values()) {
    if (r.line === 0) {
      r.kind = r.fields.amount_kind || "per_year";
      delete r.fields.amount_kind;
      if (!forKeep) {
        if (r.fields.amount) r.fields[r.kind] = r.fields.amount;
        delete r.fields.amount;
        delete r.kind;
        for (const k of Object.keys(r.fields)) if (r.fields[k] === "") delete r.fields[k];
        if (!r.fields.item && !r.fields.per_year && !r.fields.one_off) continue;  // an empty new line
      }
    } else if (!forKeep && r.fields.staff === "") r.fields.fte = "";
    out.push(r);
  }
  return out;
}
function markSetting(input) {
  const changed = input.value.trim() !== input.dataset.orig;
  input.parentElement.classList.toggle("changed", changed);
  input.title = changed ? T[lang].changed + " " + input.dataset.orig : "";
}
function typedSettings() {
  const s = {};
  for (const i of document.querySelectorAll("input[data-path^='settings.']")) s[i.dataset.path] = i.value;
  return s;
}
// The settings changed in the form, as the server takes them.
function settings() {
  const s = {};
  for (const i of document.querySelectorAll("td.changed input[data-path^='settings.']")) s[i.dataset.path.slice(9)] = i.value.trim();
  if (s.start && $("shift-dates") && $("shift-dates").checked) s.shift_dates = true;
  return s;
}
function parsed(v) { return Number(String(v).replace(/[\s\u00a0]/g, "").replace(",", ".").replace("\u2212", "-")); }
function mark(input) {
  const td = input.parentElement;
  const changed = parsed(input.value) !== Number(input.dataset.orig);
  td.classList.toggle("changed", changed);
  input.title = changed ? T[lang].changed + " " + typed(input.dataset.orig) : "";
}
function changes() {
  return [...document.querySelectorAll("td.changed input[data-alt]")].map(i => ({ alternative: i.dataset.alt, path: i.dataset.path, value: i.value }))
    .concat([...document.querySelectorAll("td.changed textarea")].map(t => ({ alternative: t.dataset.alt, path: t.dataset.path, source: t.value })));
}
let validating = null;
function validateSoon() { clearTimeout(validating); validating = setTimeout(validate, 300); }
function showError(e) {
  for (const td of document.querySelectorAll("td.bad, li.bad")) { td.classList.remove("bad"); td.querySelector(".msg").textContent = ""; }
  if (!e) return true;
  const own = /^(settings|project|steps)\./.test(e.path || "");
  if ((e.path || "").startsWith("steps.")) {
    const li = document.querySelector(`li[data-path="${CSS.escape(e.path)}"]`);
    if (li) { li.classList.add("bad"); li.querySelector(".msg").textContent = e.error; return false; }
  }
  const sel = `:is(input,select)[data-path="${CSS.escape(e.path || "")}"]` + (e.alternative && !own ? `[data-alt="${CSS.escape(e.alternative)}"]` : "");
  // A project line's error without a field: at the line's first field.
  const input = e.path ? document.querySelector(sel) || (own ? document.querySelector(`:is(input,select)[data-path^="${CSS.escape(e.path + ".")}"]`) : null) : null;
  if (input) { input.parentElement.classList.add("bad"); input.parentElement.querySelector(".msg").textContent = e.error; }
  else $("result").replaceChildren(el("div", { class: "error" }, e.error || String(e)));
  return false;
}
async function validate() {
  try {
    const r = await api("/api/validate", { case: current.id, settings: settings(), added, steps, project_lines: projectLines(), changes: changes() });
    return showError(r.ok ? null : r);
  } catch (e) { return showError(e); }
}
async function saveCase(overwrite) {
  const name = $("save-name").value;
  try {
    const r = await api("/api/save", { case: current.id, name, settings: settings(), added, steps, project_lines: projectLines(), changes: changes(), overwrite });
    $("save-status").textContent = T[lang].saved(r.id);
    await loadCases();
  } catch (e) {
    if (e.error && e.path === "name" && !overwrite && / exists/.test(e.error)) {
      if (confirm(T[lang].replace(name))) return saveCase(true);
      return;
    }
    $("save-status").textContent = e.error || String(e);
  }
}
async function startRun() {
  if (!(await validate())) return;
  try {
    const j = await api("/api/run", { case: current.id, settings: settings(), added, steps, project_lines: projectLines(), changes: changes(), replications: $("reps").value, lang });
    job = j.id; $("cancel").disabled = false; $("run").disabled = true; $("result").replaceChildren();
    poll();
  } catch (e) { showError(e); }
}
async function poll() {
  const j = await api("/api/jobs/" + job);
  const p = $("progress");
  if (j.state === "queued") { $("status").textContent = T[lang].queued(j.waiting_before); }
  window.hemsimProgress = (window.hemsimProgress || []).concat([[j.state, j.done, j.total]]);
  if (j.state === "running" && j.total > 0) { p.max = j.total; p.value = j.done; $("status").textContent = T[lang].running(j.done, j.total); }
  if (["queued", "running"].includes(j.state)) { timer = setTimeout(poll, 250); return; }
  $("run").disabled = false; $("cancel").disabled = true;
  if (j.state === "done") {
    p.max = 1; p.value = 1; $("status").textContent = T[lang].done;
    const s = j.summary, u = s.units, d = s.divisor;
    const lines = s.headlines.map(h => el("p", { class: "headline", "data-diff": String(h.diff_total) },
      T[lang].diff(h.alternative, num(h.diff_total / d, 1), u, num(h.diff_p05 / d, 1), num(h.diff_p95 / d, 1)) + " " +
      T[lang].npv(num(h.npv / d, 1), u) + " " + T[lang].p(num(h.p_saving * 100, 0))));
    const links = j.files.map(f => el("a", { href: "/api/jobs/" + job + "/files/" + f, download: f }, f));
    const dl = el("p", {}, T[lang].downloads + " ");
    links.forEach((a, k) => { dl.append(a); if (k + 1 < links.length) dl.append(" · "); });
    $("result").replaceChildren(el("div", { class: "summary" }, ...lines), dl,
      el("iframe", { src: "/api/jobs/" + job + "/files/rapport.html", title: "rapport" }));
  } else if (j.state === "failed") {
    $("status").textContent = ""; $("result").replaceChildren(el("div", { class: "error" }, T[lang].failed + "\n" + j.message));
  } else { $("status").textContent = T[lang].cancelled; p.value = 0; }
}
// "Ny ansökan": the template's numbers that an application gives, asked one by one.
const TEMPLATE = "shipped/enheten-for-hemlosa-2007";
const WIZARD = [
  { setting: "start" },
  { paths: ["group.hemlosa.initial.redo.count"], all: true },
  { paths: ["placement.stodboende.price_per_month"], all: true },
  { paths: ["supply.lagenheter.per_year@start"], all: true },
  { paths: ["supply.lagenheter.per_year@2008-03-01"], all: false },
  { name: true }];
async function wizard() {
  const tpl = await api("/api/case?id=" + encodeURIComponent(TEMPLATE));
  const answers = WIZARD.map(w => {
    if (w.name) return "min-ansokan";
    if (w.setting) return `${new Date().getFullYear() + 1}-01-01`;
    for (const a of tpl.alternatives) { const i = a.inputs.find(x => x.path === w.paths[0] && (w.all || !a.baseline)); if (i) return typed(i.value); }
    return "";
  });
  let k = 0;
  const show = () => {
    const input = el("input", { type: "text", id: "wizard-answer", value: answers[k] });
    const back = el("button", { type: "button", id: "wizard-back" }, T[lang].back);
    const next = el("button", { type: "button", id: "wizard-next" }, k + 1 < WIZARD.length ? T[lang].next : T[lang].save);
    const msg = el("div", { class: "msg", id: "wizard-msg" });
    back.disabled = k === 0;
    back.onclick = () => { answers[k] = input.value; k--; show(); };
    next.onclick = async () => {
      answers[k] = input.value;
      if (k + 1 < WIZARD.length) { k++; show(); return; }
      const changes = [];
      const start = answers[WIZARD.findIndex(w => w.setting === "start")];
      WIZARD.forEach((w, j) => {
        if (w.name || w.setting) return;
        for (const a of tpl.alternatives)
          if ((w.all || !a.baseline) && a.inputs.some(x => x.path === w.paths[0])) changes.push({ alternative: a.id, path: w.paths[0], value: answers[j] });
      });
      try {
        const r = await api("/api/save", { case: TEMPLATE, name: answers[k], changes, settings: { start, shift_dates: true } });
        await loadCases();
        openCase(r.id);
      } catch (e) { msg.textContent = e.error || String(e); }
    };
    $("case").replaceChildren(el("h2", {}, T[lang].newcase), el("p", {}, T[lang].wizard), el("p", { id: "wizard-step" }, T[lang].step(k + 1, WIZARD.length)),
      el("label", {}, el("p", {}, T[lang].steps[k]), input), el("div", { class: "run" }, back, next), msg);
    input.focus();
  };
  show();
}
$("new-case").onclick = wizard;
const relabel = l => {
  const before = current ? { changes: changes(), settings: typedSettings(), lines: projectLines(true), shift: $("shift-dates") ? $("shift-dates").checked : true } : null;
  lang = l; texts(); loadCases();
  if (current) render(before);
};
$("lang-sv").onclick = () => relabel("sv");
$("lang-en").onclick = () => relabel("en");
texts();
loadCases();
</script>
</body>
</html>
)PAGE";
// clang-format on

void replace_all(std::string& s, const std::string& what, const std::string& with) {
    for (std::size_t at = 0; (at = s.find(what, at)) != std::string::npos; at += with.size())
        s.replace(at, what.size(), with);
}

}  // namespace

std::string page_html(const std::string& token, std::uint32_t max_replications, int max_horizon_months,
                      double max_clients) {
    std::string out = page;
    replace_all(out, "@TOKEN@", token);
    replace_all(out, "@MAX_REPS@", std::to_string(max_replications));
    replace_all(out, "@MAX_HORIZON@", std::to_string(max_horizon_months));
    replace_all(out, "@MAX_CLIENTS@", std::to_string(static_cast<long long>(max_clients)));
    return out;
}

}  // namespace hemsim::web
