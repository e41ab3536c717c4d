// hemsim serve in a real browser (ctest browser.page): Playwright's library
// (playwright-core, pinned in package-lock.json) drives Debian's Chromium.
//
//   node page.test.mjs HEMSIM SCRATCH
//
// Steps, each with a screenshot in SCRATCH/artefacts/: the page opens; the
// default case opens as a form; a decimal comma is accepted and a wrong value
// gets a message at its field; "lägenheter per år" is changed in the
// project's alternative and run, the progress bar finishes and the headline
// difference changes, equal to the command line's for the same inputs (the
// case saved from the page, run by `hemsim run`); the saved case is opened
// again from the list; the workbook downloads and opens (openpyxl).
import { chromium } from "playwright-core";
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, rmSync, readFileSync } from "node:fs";
import path from "node:path";

const [exe, scratch] = process.argv.slice(2);
if (!exe || !scratch) throw new Error("usage: node page.test.mjs HEMSIM SCRATCH");
rmSync(scratch, { recursive: true, force: true });
const artefacts = path.join(scratch, "artefacts");
mkdirSync(artefacts, { recursive: true });
const started = Date.now();
let step = 0;
const checks = [];
function check(ok, what) {
  if (!ok) throw new Error("browser-test: FAILED: " + what);
  checks.push(what);
  console.log("browser-test: ok: " + what);
}

// The server, on a free port, with cases and runs of its own.
const server = spawn(exe, ["serve", "--port", "0", "--cases", path.join(scratch, "cases"), "--runs",
                           path.join(scratch, "runs"), "--concurrent-runs", "1"], { stdio: ["ignore", "pipe", "inherit"] });
const url = await new Promise((resolve, reject) => {
  let out = "";
  server.stdout.on("data", d => {
    out += d;
    const m = out.match(/(http:\/\/127\.0\.0\.1:\d+\/)/);
    if (m) resolve(m[1]);
  });
  server.on("exit", code => reject(new Error("hemsim serve exited " + code + ": " + out)));
  setTimeout(() => reject(new Error("hemsim serve printed no address: " + out)), 10000);
});

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
try {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1300, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", e => errors.push(String(e)));
  page.on("console", m => { if (m.type() === "error") errors.push(m.text()); });
  const shot = async name => page.screenshot({ path: path.join(artefacts, `${String(++step).padStart(2, "0")}-${name}.png`), fullPage: true });

  await page.goto(url);
  await page.waitForSelector("nav button[data-case]");
  check((await page.locator("nav button[data-case]").count()) === 5, "the page lists the five shipped cases");
  await shot("cases");

  await page.click('nav button[data-case="shipped/enheten-for-hemlosa-2007"]');
  const apartments = page.locator('input[data-alt="projekt"][data-path="supply.lagenheter.per_year@start"]');
  await apartments.waitFor();
  check((await apartments.inputValue()) === "30", "the project's apartments a year read 30 in the form");
  await shot("form");

  // A decimal comma is a number; a word is not, and says so at the field.
  const shelter = page.locator('input[data-alt="projekt"][data-path="placement.harbarge.price_per_day"]');
  await shelter.fill("612,5");
  await page.waitForTimeout(800);
  check(await shelter.evaluate(e => e.parentElement.classList.contains("changed") && !e.parentElement.classList.contains("bad")),
        "a decimal comma (612,5 kr a dygn) is accepted and marked as changed");
  await shelter.fill("550");
  await apartments.fill("fyrtio");
  await page.waitForSelector('td.bad input[data-path="supply.lagenheter.per_year@start"]');
  const message = await page.locator("td.bad .msg").first().textContent();
  check(/not a number/.test(message), `a wrong value gets a message at its field ("${message}")`);
  await shot("message-at-field");

  // The first run: as shipped.
  async function run(reps) {
    await page.fill("#reps", String(reps));
    await page.evaluate(() => { window.hemsimProgress = []; });
    await page.click("#run");
    // Watch the bar until the run is done.
    await page.waitForFunction(() => (window.hemsimProgress || []).some(s => s[0] === "done"), null, { timeout: 120000 });
    await page.waitForSelector("p.headline");
    const seen = await page.evaluate(() => window.hemsimProgress);
    const running = seen.filter(s => s[0] === "running" && s[2] > 0);
    const last = seen[seen.length - 1];
    const bar = await page.evaluate(() => [document.getElementById("progress").value, document.getElementById("progress").max]);
    check(last[0] === "done" && last[1] === last[2] && last[2] === 2 * reps && bar[0] === bar[1] &&
            running.every(s => s[1] <= s[2]),
          `the progress bar finished: ${running.length} readings while running, then ${last[1]} of ${last[2]} simulations`);
    return Number(await page.locator("p.headline").first().getAttribute("data-diff"));
  }
  await apartments.fill("30");
  await page.waitForTimeout(500);
  const before = await run(30);
  await shot("run-as-shipped");

  await apartments.fill("45");
  await page.waitForTimeout(500);
  const after = await run(30);
  check(after < before, `more apartments a year save more (difference ${Math.round(before)} -> ${Math.round(after)} kr)`);
  const report = page.frameLocator("iframe").locator("h2#sammanfattning");
  await report.waitFor({ timeout: 30000 });
  check(/Sammanfattning/.test(await report.textContent()), "the report shows in the page");
  await shot("run-45-apartments");

  // A source note edited in the form goes with the saved case.
  await page.fill('textarea[data-path="supply.lagenheter.per_year@start"]', "Bostadsförmedlingen, avtal 2026: 45 om året");

  // The same inputs from the command line: the case saved from the page, then `hemsim run`.
  await page.fill("#save-name", "fler-lagenheter");
  await page.click("#save");
  await page.waitForFunction(() => /fler-lagenheter/.test(document.getElementById("save-status").textContent));
  const saved = path.join(scratch, "cases", "fler-lagenheter", "case.toml");
  const cli = path.join(scratch, "cli");
  execFileSync(exe, ["run", saved, "-r", "30", "--out", cli, "-q"]);
  const row = readFileSync(path.join(cli, "economics.csv"), "utf8").split("\n")
    .find(l => l.startsWith("projekt,all,total,diff,"));
  const cliDiff = Number(row.split(",")[4]);
  check(cliDiff === after, `the page's difference equals the command line's for the saved case (${after} kr)`);

  // The saved case is in the list and opens with its value.
  await page.reload();
  await page.waitForSelector('nav button[data-case="own/fler-lagenheter"]');
  await page.click('nav button[data-case="own/fler-lagenheter"]');
  const reopened = page.locator('input[data-alt="projekt"][data-path="supply.lagenheter.per_year@start"]');
  await reopened.waitFor();
  check((await reopened.inputValue()) === "45", "the saved case opens again with 45 apartments a year");
  check((await page.locator('textarea[data-path="supply.lagenheter.per_year@start"]').inputValue()) ===
          "Bostadsförmedlingen, avtal 2026: 45 om året", "its edited source note is saved with it");
  await shot("saved-case");

  // An alternative added as a copy of the nollalternativ, changed, with a new horizon; saved and reopened.
  await page.fill("#new-alt-name", "Fler stödjare");
  await page.click("#add-alt");
  const copied = page.locator('input[data-alt="fler_stodjare"][data-path="staff.boendestodjare.fte"]');
  await copied.waitFor();
  check((await copied.inputValue()) === (await page.locator('input[data-alt="nollalternativ"][data-path="staff.boendestodjare.fte"]').inputValue()) &&
        (await page.locator('input[data-alt="projekt"][data-path="supply.lagenheter.per_year@start"]').inputValue()) === "45",
        "a new alternative is a copy of the nollalternativ, and what was typed before stays");
  await copied.fill("9");
  const horizon = page.locator('input[data-path="settings.horizon_months"]');
  await horizon.fill("999999");
  await page.waitForSelector('td.bad input[data-path="settings.horizon_months"]');
  const horizonMessage = await page.locator("td.bad .msg").first().textContent();
  check(/horizon/.test(horizonMessage), `a horizon beyond the server's limit gets a message at its field ("${horizonMessage}")`);
  await horizon.fill("24");
  await page.waitForTimeout(800);
  check((await page.locator("td.bad").count()) === 0, "a horizon of 24 months is accepted");
  // The project's cost lines: a date changed, a one-off line added.
  await page.fill('input[data-path="project.projekt.1.start"]', "2008-04-01");
  await page.click('button.add-line[data-alt="projekt"]');
  const fresh = page.locator('table[data-lines="projekt"] tbody tr').last();
  await fresh.locator('[data-key="item"]').fill("Hyresgaranti");
  await fresh.locator('[data-key="amount"]').fill("50 000");
  await fresh.locator('[data-key="amount_kind"]').selectOption("one_off");
  await fresh.locator('[data-key="start"]').fill("2008-06-01");
  // A new dated step: 50 apartments a year in the project from June 2008.
  await page.selectOption("#step-alt", "projekt");
  await page.selectOption("#step-path", "supply.lagenheter.per_year");
  await page.fill("#step-from", "2008-06-01");
  await page.fill("#step-value", "50");
  await page.click("#step-add");
  await page.waitForTimeout(800);
  check((await page.locator("td.bad, li.bad").count()) === 0, "a changed date, a new one-off cost line and a new dated step validate");
  await shot("added-alternative");
  await page.fill("#save-name", "med-variant");
  await page.click("#save");
  await page.waitForFunction(() => /med-variant/.test(document.getElementById("save-status").textContent));
  await page.reload();
  await page.waitForSelector('nav button[data-case="own/med-variant"]');
  await page.click('nav button[data-case="own/med-variant"]');
  const again = page.locator('input[data-alt="fler_stodjare"][data-path="staff.boendestodjare.fte"]');
  await again.waitFor();
  check((await again.inputValue()) === "9" && (await page.locator('input[data-path="settings.horizon_months"]').inputValue()) === "24",
        "the added alternative and the horizon are saved and open again");
  check((await page.locator('table[data-lines="projekt"] tbody tr').count()) === 8 &&
        (await page.locator('input[data-path="project.projekt.1.start"]').inputValue()) === "2008-04-01" &&
        (await page.locator('input[data-path="project.projekt.8.item"]').inputValue()) === "Hyresgaranti",
        "the project's cost lines are saved with the changed date and the new line");
  check((await page.locator('input[data-alt="projekt"][data-path="supply.lagenheter.per_year@2008-06-01"]').inputValue()) === "50",
        "the new dated step is saved in the project's schedule and opens as a row of its own");

  // "Ny ansökan": the template's questions one by one, saved, then opened from the list.
  await page.click("#new-case");
  const answers = ["2027-01-01", "40", "17 000", "25", "50", "ny-ansokan"];
  for (let k = 0; k < answers.length; k++) {
    await page.waitForFunction(n => document.getElementById("wizard-step")?.textContent.includes(String(n)), k + 1);
    await page.fill("#wizard-answer", answers[k]);
    if (k === 0) await shot("new-application");
    await page.click("#wizard-next");
  }
  await page.waitForSelector('nav button[data-case="own/ny-ansokan"]');
  await page.reload();
  await page.click('nav button[data-case="own/ny-ansokan"]');
  const extra = page.locator('input[data-alt="projekt"][data-path="supply.lagenheter.per_year@2027-03-01"]');
  await extra.waitFor();
  check((await extra.inputValue()) === "50" &&
        (await page.locator('input[data-alt="nollalternativ"][data-path="group.hemlosa.initial.redo.count"]').inputValue()) === "40",
        "a new application from the template is saved and opens again with its answers");
  check((await page.locator('input[data-path="settings.start"]').inputValue()) === "2027-01-01" &&
        (await page.locator('input[data-path="project.projekt.1.start"]').inputValue()) === "2027-03-01",
        "its start is the one asked for, and the project's dates moved with it (March 2008 -> March 2027)");
  await shot("new-application-saved");

  // The workbook downloads and opens.
  await page.fill("#reps", "10");
  await page.click("#run");
  await page.waitForSelector('a[download="rapport.xlsx"]', { timeout: 120000 });
  const [download] = await Promise.all([page.waitForEvent("download"), page.click('a[download="rapport.xlsx"]')]);
  const xlsx = path.join(scratch, "rapport.xlsx");
  await download.saveAs(xlsx);
  const sheets = execFileSync("/usr/bin/python3", ["-c",
    "import sys, openpyxl; print(','.join(openpyxl.load_workbook(sys.argv[1]).sheetnames))", xlsx]).toString();
  check(/Sammanfattning/.test(sheets), `the downloaded workbook opens (sheets ${sheets.trim()})`);
  await shot("downloaded");

  check(errors.length === 0, "the page's console shows no error" + (errors.length ? ": " + errors.join("; ") : ""));
} finally {
  await browser.close();
  server.kill("SIGTERM");
}
console.log(`browser-test: ${checks.length} checks in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${artefacts}`);
console.log("browser-test: OK");
