// Browser tests of the web UI: starts `statecraft serve` on a free loopback port with
// the built web/dist and a fresh run store, drives Debian's Chromium headless through
// playwright-core (no browser download), and checks that
//   - every page loads with no console error, no uncaught exception, no failed request;
//   - a forecast run through the UI shows the numbers of `statecraft forecast --format
//     json` for the same scenario and seed;
//   - the forum page shows the pass probability `statecraft vote` computes;
//   - a salience change reruns the forecast, closing a crossing reroutes, the runs page
//     diffs two runs, and a bad input is shown to the user as an error;
// and saves a screenshot of each page in the output folder.
//
// node tests/browser.mjs --statecraft BIN --dist DIR --cases DIR --out DIR [--chromium PATH]
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
for (const required of ["statecraft", "dist", "cases", "out"]) {
  if (!args[required]) {
    console.error(`browser.mjs: --${required} is required`);
    process.exit(2);
  }
}
const executablePath = args.chromium ?? "/usr/bin/chromium";
const out = path.resolve(args.out);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const db = path.join(out, "runs.sqlite");

// The whole run is bounded: a hung browser or server fails the test instead of CI.
const deadline = setTimeout(() => fail("timed out after 100 s"), 100_000);
let server;
let browser;
const failures = [];

function fail(message) {
  console.error(`FAIL: ${message}`);
  cleanup().finally(() => process.exit(1));
}

async function cleanup() {
  clearTimeout(deadline);
  if (browser) await browser.close().catch(() => {});
  if (server && server.exitCode === null) server.kill("SIGTERM");
}

function check(condition, message) {
  if (condition) console.log(`ok: ${message}`);
  else {
    console.error(`not ok: ${message}`);
    failures.push(message);
  }
}

function cli(...argv) {
  return JSON.parse(execFileSync(args.statecraft, ["--no-record", "--quiet", ...argv], { encoding: "utf8" }));
}

function startServer() {
  return new Promise((resolve, reject) => {
    server = spawn(args.statecraft, ["--db", db, "serve", args.cases, "--port", "0", "--static", args.dist], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let text = "";
    server.stdout.on("data", (chunk) => {
      text += chunk;
      const match = text.match(/serving on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (match) resolve(match[1]);
    });
    server.on("exit", (code) => reject(new Error(`statecraft serve exited with ${code}: ${text}`)));
  });
}

async function main() {
  const base = await startServer();
  console.log(`server at ${base}`);
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  // A new context is a fresh profile (playwright launches with a temporary user-data-dir).
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  let problems = [];
  let allowed = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !allowed.some((a) => m.text().includes(a))) problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`exception: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => {
    if (r.status() >= 400 && !allowed.some((a) => `${r.status()}`.includes(a))) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });

  async function visit(name, hash, ready) {
    problems = [];
    await page.goto(`${base}/${hash}`);
    await page.waitForSelector(ready, { timeout: 30_000 });
    await page.waitForFunction(() => !document.querySelector("[aria-busy]"), null, { timeout: 30_000 });
    await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });
    const errors = await page.locator(".error").allTextContents();
    check(errors.length === 0, `${name}: no error shown${errors.length ? ` (${errors.join("; ")})` : ""}`);
    check(problems.length === 0, `${name}: loads without console errors${problems.length ? ` (${problems.join("; ")})` : ""}`);
  }

  // World overview.
  await visit("world", "#/world", "#forums-table");
  check((await page.locator("svg.graph line").count()) > 10, "world: the relations graph has edges");

  // Forecast: the UI against the CLI, same scenario, issue, model, samples and seed.
  const scenarioFile = path.join(args.cases, "nsg_2008.yaml");
  await visit("forecast", "#/forecast?scenario=nsg_2008&issue=nsg_waiver_ind&model=bdm&samples=100&seed=7", "#forecast-table .forecast");
  const expected = cli("forecast", scenarioFile, "--issue", "nsg_waiver_ind", "--model", "bdm", "--samples", "100", "--seed", "7", "--format", "json");
  const shown = page.locator('#forecast-table .forecast[data-model="bdm"]');
  check(Number(await shown.getAttribute("data-value")) === expected.forecast, `forecast: UI value ${await shown.getAttribute("data-value")} = CLI ${expected.forecast}`);
  check((await shown.textContent()) === expected.forecast.toFixed(2), `forecast: UI shows ${await shown.textContent()} = CLI ${expected.forecast.toFixed(2)}`);
  const mean = page.locator('#forecast-table .mean-forecast[data-model="bdm"]');
  check(Number(await mean.getAttribute("data-value")) === expected.mean_forecast, `forecast: Monte Carlo mean ${await mean.getAttribute("data-value")} = CLI ${expected.mean_forecast}`);
  // A salience change reruns the forecast with the new value.
  const before = await shown.getAttribute("data-value");
  await page.fill('input[data-actor="PAK"]', "1");
  await page.fill('input[data-actor="CHN"]', "1");
  await page.fill('input[data-actor="USA"]', "0.1");
  await page.click("#run");
  await page.waitForFunction((old) => {
    const el = document.querySelector('#forecast-table .forecast[data-model="bdm"]');
    return el && el.getAttribute("data-value") !== old;
  }, before, { timeout: 30_000 });
  check(problems.length === 0, "forecast: rerun with changed saliences without errors");
  await page.screenshot({ path: path.join(out, "forecast-salience.png"), fullPage: true });
  // A bad input is shown to the user (the server's 400 names the field).
  allowed = ["400"];
  await page.fill("#samples", "-5");
  await page.click("#run");
  const error = await page.locator("#forecast-result .error").textContent({ timeout: 30_000 });
  check(/samples/.test(error ?? ""), `forecast: a bad input is shown as an error (${error})`);
  allowed = [];

  // Forum: the pass probability of the case motion against `statecraft vote`.
  await visit("forum", "#/forum?scenario=nsg_2008&motion=india_waiver_2008", "#power-result figure");
  const vote = cli("vote", scenarioFile, "--forum", "nsg", "--motion", "india_waiver_2008", "--format", "json");
  const pPass = page.locator("#p-pass");
  check(Number(await pPass.getAttribute("data-value")) === vote.p_pass, `forum: pass probability ${await pPass.getAttribute("data-value")} = CLI ${vote.p_pass}`);
  check((await pPass.textContent()) === `${(100 * vote.p_pass).toFixed(1)}%`, `forum: shows ${await pPass.textContent()}`);
  check((await page.locator("#vote-map .seat").count()) === vote.members.length, "forum: one seat per member in the vote map");
  // Another scenario from the picker, then its last motion.
  await page.selectOption("#scenario", "oic_2019");
  await page.waitForFunction(() => document.querySelector("#motion")?.textContent?.includes("(oic"), null, { timeout: 30_000 });
  await page.click("#run");
  await page.waitForSelector("#power-result figure", { timeout: 30_000 });
  check(problems.length === 0 && (await page.locator("#vote-result .error").count()) === 0, "forum: another scenario's motion from the picker");

  // Strategy: a plan under the budget, and the comparison plot.
  await visit("strategy", "#/strategy?scenario=kashmir-narrative", "#strategy-result figure");
  check((await page.locator("#p-after").textContent()) !== "", "strategy: pass probability with the plan shown");
  await visit("strategy-compare", "#/strategy?scenario=strategy", "#compare-table");

  // Corridors: close a crossing and route again.
  await visit("corridors", "#/corridors?scenario=corridors", "#demands-table");
  await page.selectOption("#edge", "torkham");
  await page.click("#toggle");
  await page.waitForSelector("text=Cost of the closure per country", { timeout: 30_000 });
  check((await page.locator("#closed-list").textContent()).includes("torkham"), "corridors: torkham closed");
  check((await page.locator('line[data-edge="torkham"][stroke-dasharray]').count()) === 1, "corridors: the closed crossing is drawn dashed");
  await page.screenshot({ path: path.join(out, "corridors-closed.png"), fullPage: true });
  check(problems.length === 0, `corridors: closing a crossing without errors ${problems.join("; ")}`);

  // Runs: the history of this session's runs, and the diff of two.
  await visit("runs", "#/runs", "#runs-table");
  check((await page.locator("#runs-table tbody tr").count()) >= 5, "runs: the UI's runs are listed");
  await page.locator("#runs-table input[type=checkbox]").nth(0).check();
  await page.locator("#runs-table input[type=checkbox]").nth(1).check();
  await page.click("#diff");
  await page.waitForSelector("#diff-table", { timeout: 30_000 });
  await page.screenshot({ path: path.join(out, "runs-diff.png"), fullPage: true });
  check(problems.length === 0, "runs: diff without errors");
}

main()
  .then(async () => {
    await cleanup();
    if (failures.length) {
      console.error(`${failures.length} check(s) failed; screenshots in ${out}`);
      process.exit(1);
    }
    console.log(`all browser checks passed; screenshots in ${out}`);
    process.exit(0);
  })
  .catch((e) => fail(e.stack ?? String(e)));
