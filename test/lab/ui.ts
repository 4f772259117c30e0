/**
 * `npm run test:lab` (issue 19): real Chromium drives the real classic Notebook UI.
 *
 * 1. Refuses unless `jupyter notebook` and Chromium are installed (`npm run setup -- --lab`).
 * 2. Copies notebook 00 to `notebooks/scratch/` (ignored by git and by the runner), so the UI's
 *    autosave never touches the committed notebook.
 * 3. Starts the server THROUGH `environment/lab` (the command `npm run lab` runs) on 127.0.0.1, a free
 *    port and a random token, in its own process group. Its figures go to `build/lab-test/build/`
 *    (`PERMAFROST_BUILD_DIR`), so the test never overwrites `build/quick/`; Jupyter's config and
 *    runtime folders are fresh temporary ones, so no personal configuration changes the result.
 * 4. Opens the copy, waits for the project kernel ("tslab") to be idle, clicks Cell ▸ Run All, waits
 *    until every code cell has an execution count and the kernel is idle again.
 * 5. Asserts no error output, no error text on stderr, a visible PNG figure; screenshots the page to
 *    `build/lab-test/notebook-00.png`.
 * 6. Clicks the figure's "interactive figure" link; the page it opens must draw a plotly plot (an
 *    svg in `.js-plotly-plot`) with no console errors.
 * 7. Stops the server by its PID (SIGTERM to its process group, SIGKILL after 10 s), checks that its
 *    kernels are gone and its port is closed, and deletes the scratch copy.
 *
 * Every step prints its time; the whole test takes about a minute here.
 */
import * as assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { CHROMIUM_ARGS, findChromium, projectRoot } from "permafrost-kit";
import type { Browser, ConsoleMessage, Page } from "playwright-core";

const root = projectRoot();
const t0 = performance.now();
let tStep = t0;
/**
 * Print one step with the seconds since the previous step and since the start.
 *
 * @param what - what was done
 */
function step(what: string): void {
  const now = performance.now();
  console.log(`test:lab [${((now - t0) / 1000).toFixed(1).padStart(5)} s, +${((now - tStep) / 1000).toFixed(1)} s] ${what}`);
  tStep = now;
}

/**
 * A TCP port that was free a moment ago (the OS picks it).
 *
 * @returns the port number
 */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Whether something accepts TCP connections on 127.0.0.1:`port`.
 *
 * @param port - the port
 * @returns true when a connection succeeds
 */
function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: "127.0.0.1", port });
    s.once("connect", () => { s.destroy(); resolve(true); });
    s.once("error", () => resolve(false));
  });
}

/**
 * Poll `probe` every `everyMs` until it returns a value other than undefined.
 *
 * @param what - what is awaited (for the timeout message)
 * @param timeoutMs - give up after this long
 * @param probe - returns undefined while not ready
 * @param everyMs - polling interval
 * @returns the probe's first defined value
 * @throws Error when the time runs out
 */
async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, everyMs = 250): Promise<T> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (performance.now() > end) throw new Error(`test:lab: timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Pids of the direct children of a process (from /proc), e.g. a notebook server's kernels.
 *
 * @param pid - the parent
 * @returns the children's pids with their command lines
 */
function childrenOf(pid: number): { pid: number; cmd: string }[] {
  const out: { pid: number; cmd: string }[] = [];
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push({ pid: Number(d), cmd: fs.readFileSync(`/proc/${d}/cmdline`, "utf8").split("\0").join(" ").trim() });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/**
 * Whether a process exists (and is not a zombie).
 *
 * @param pid - the process
 * @returns true while it runs
 */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** What the page reports about the notebook's execution. */
interface RunState { code: number; counted: number; running: number; idle: boolean; errors: number; kernel: string }

/**
 * Read the notebook's execution state from the classic Notebook's own objects.
 *
 * @param page - the notebook page
 * @returns counts of code cells, cells with an execution count, cells running or queued, error outputs
 */
function runState(page: Page): Promise<RunState> {
  return page.evaluate(() => {
    interface Cell { cell_type: string; input_prompt_number?: number | string | null }
    const nb = (window as unknown as { Jupyter: { notebook: { get_cells(): Cell[]; kernel: { name: string } | null } } }).Jupyter.notebook;
    const code = nb.get_cells().filter((c) => c.cell_type === "code");
    return {
      code: code.length,
      counted: code.filter((c) => typeof c.input_prompt_number === "number").length,
      running: code.filter((c) => c.input_prompt_number === "*").length,
      idle: document.querySelector("#kernel_indicator_icon")?.classList.contains("kernel_idle_icon") === true,
      errors: document.querySelectorAll(".output_error").length,
      kernel: nb.kernel?.name ?? "",
    };
  });
}

async function main(): Promise<void> {
  // 1. refuse clearly without a notebook server or Chromium
  const version = spawnSync("jupyter", ["notebook", "--version"], { encoding: "utf8" });
  if (version.status !== 0) {
    console.error("test:lab: `jupyter notebook` is not installed (Debian's classic notebook server). Run npm run setup -- --lab, then rerun npm run test:lab.");
    process.exit(2);
  }
  const exe = findChromium();
  if (exe === undefined) {
    console.error("test:lab: no Chromium found (/usr/bin/chromium; or set PERMAFROST_CHROMIUM). Run npm run setup, then rerun npm run test:lab.");
    process.exit(2);
  }
  step(`jupyter notebook ${version.stdout.trim()}, Chromium ${exe}`);

  // 2. scratch copy of notebook 00
  const scratchDir = path.join(root, "notebooks", "scratch");
  const scratchExisted = fs.existsSync(scratchDir);
  fs.mkdirSync(scratchDir, { recursive: true });
  const copyName = "ui-test-00-start-here.ipynb";
  const copy = path.join(scratchDir, copyName);
  fs.copyFileSync(path.join(root, "notebooks", "00-start-here.ipynb"), copy);
  const outDir = path.join(root, "build", "lab-test");
  const buildDir = path.join(outDir, "build");
  fs.rmSync(buildDir, { recursive: true, force: true });
  fs.mkdirSync(buildDir, { recursive: true });
  const jupyterHome = fs.mkdtempSync(path.join(os.tmpdir(), "pk-lab-test-"));
  step(`copied notebooks/00-start-here.ipynb to ${path.relative(root, copy)}`);

  let server: ChildProcess | undefined;
  let serverExited: Promise<void> | undefined;
  let browser: Browser | undefined;
  const log: string[] = [];
  const port = await freePort();
  const token = randomBytes(24).toString("hex");
  const base = `http://127.0.0.1:${port}`;
  try {
    // 3. the server, through environment/lab, in its own process group
    server = spawn("bash", [path.join(root, "environment", "lab"), "notebooks/scratch", "--no-browser", "--ip", "127.0.0.1", "--port", String(port), `--NotebookApp.token=${token}`], {
      cwd: root,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        PERMAFROST_BUILD_DIR: buildDir,
        JUPYTER_CONFIG_DIR: path.join(jupyterHome, "config"),
        JUPYTER_RUNTIME_DIR: path.join(jupyterHome, "runtime"),
      },
    });
    const child = server;
    serverExited = new Promise((resolve) => child.once("exit", () => resolve()));
    let exitCode: number | null | undefined;
    child.once("exit", (code) => { exitCode = code; });
    for (const s of [child.stdout, child.stderr]) s?.on("data", (b: Buffer) => log.push(...b.toString("utf8").split("\n").filter((l) => l !== "")));
    await waitFor("the notebook server to answer", 30_000, async () => {
      if (exitCode !== undefined) throw new Error(`test:lab: environment/lab exited (code ${exitCode}) before the server answered:\n${log.join("\n")}`);
      try {
        const r = await fetch(`${base}/api/status?token=${token}`);
        return r.ok ? true : undefined;
      } catch {
        return undefined;
      }
    });
    step(`server (pid ${child.pid}) answers on ${base}`);
    const labLines = await waitFor("environment/lab to print the static URL", 10_000, () => Promise.resolve(log.some((l) => l.includes("served from")) ? log.filter((l) => l.startsWith("[lab]")) : undefined));
    for (const l of labLines) console.log(`    ${l}`);
    if (process.getuid?.() === 0) assert.ok(labLines.some((l) => l.includes("--allow-root")), "as root, environment/lab says it adds --allow-root");
    assert.ok(labLines.some((l) => l.includes(`${base}/static/`)), "environment/lab prints where build/ is served");
    const specs = (await (await fetch(`${base}/api/kernelspecs?token=${token}`)).json()) as { kernelspecs: Record<string, { spec: { display_name: string } }> };
    assert.equal(specs.kernelspecs["tslab"]?.spec.display_name, "TypeScript (tslab, permafrost-kit)", "the server offers the project kernel");

    // 4. open the copy, run all cells through the menu
    browser = await (await import("playwright-core")).chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS, headless: true });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on("dialog", (d) => { console.log(`    dialog (${d.type()}) accepted: ${d.message()}`); void d.accept(); });
    await page.goto(`${base}/notebooks/notebooks/scratch/${copyName}?token=${token}`);
    const started = await waitFor("the kernel to be idle", 30_000, async () => {
      const s = await runState(page).catch(() => undefined);
      return s !== undefined && s.idle && s.kernel !== "" ? s : undefined;
    });
    assert.equal(started.kernel, "tslab");
    step(`notebook open, kernel "${started.kernel}" idle, ${started.code} code cells`);
    await page.click("#celllink");
    await page.click("#run_all_cells > a");
    let last = "";
    const done = await waitFor("every code cell to run", 75_000, async () => {
      const s = await runState(page);
      const now = `${s.counted}/${s.code} cells counted, ${s.running} running or queued, ${s.errors} errors`;
      if (now !== last) { console.log(`    ${now}`); last = now; }
      if (s.errors > 0) return s;
      return s.counted === s.code && s.running === 0 && s.idle ? s : undefined;
    }, 300);
    step(`Cell > Run All finished: ${done.counted}/${done.code} code cells have an execution count`);

    // 5. outputs
    const stderr = (await page.locator(".output_stderr").allInnerTexts()).join("\n");
    const errors = (await page.locator(".output_error").allInnerTexts()).join("\n");
    assert.equal(done.errors, 0, `error output in the notebook:\n${errors}`);
    assert.doesNotMatch(stderr, /error|exception|failed/i, `error text on stderr:\n${stderr}`);
    const img = page.locator(".output_png img").first();
    await img.scrollIntoViewIfNeeded();
    assert.ok(await img.isVisible(), "a PNG figure is visible");
    const size = await img.evaluate((e: HTMLImageElement) => [e.naturalWidth, e.naturalHeight]);
    assert.ok((size[0] ?? 0) > 100 && (size[1] ?? 0) > 100, `the figure PNG has a real size (got ${size.join("×")})`);
    await page.locator(".output_wrapper", { has: page.locator(".output_png") }).first().screenshot({ path: path.join(outDir, "notebook-00-figure.png") });
    const fullHeight = await page.evaluate(() => document.querySelector("#notebook")?.scrollHeight ?? 900);
    await page.setViewportSize({ width: 1280, height: Math.min(Math.ceil(fullHeight) + 120, 16000) });
    const shot = path.join(outDir, "notebook-00.png");
    await page.screenshot({ path: shot });
    step(`outputs checked (no error output, ${stderr.length} characters on stderr, none an error; figure PNG ${size.join("×")} px); screenshots ${path.relative(root, shot)}, notebook-00-figure.png`);

    // 6. the interactive figure
    const link = page.locator(".output_markdown a", { hasText: "interactive figure" }).first();
    const href = await link.getAttribute("href");
    assert.ok(href !== null);
    const target = new URL(href, page.url());
    assert.match(target.pathname, /^\/static\/.*\/start-here-magst-vs-maat\.html$/, `the link ${href} leads to the page served at /static/`);
    await page.setViewportSize({ width: 1280, height: 900 });
    const consoleErrors: string[] = [];
    const watch = (p: Page): void => {
      p.on("console", (m: ConsoleMessage) => { if (m.type() === "error") consoleErrors.push(m.text()); });
      p.on("pageerror", (e) => consoleErrors.push(String(e)));
    };
    const popup = context.waitForEvent("page", { timeout: 5_000 }).catch(() => undefined);
    const navigated = page.waitForURL((u) => u.pathname === target.pathname, { timeout: 5_000 }).then(() => page).catch(() => undefined);
    await link.click();
    const figPage = (await Promise.race([popup, navigated])) ?? (await navigated) ?? (await popup);
    assert.ok(figPage !== undefined, `clicking the link opened ${target.pathname} neither in this tab nor in a new one`);
    watch(figPage);
    await figPage.waitForLoadState("load");
    // errors logged before the listener was attached would be lost: reload once, listening
    await figPage.reload();
    await figPage.locator(".js-plotly-plot svg.main-svg").first().waitFor({ state: "visible", timeout: 15_000 });
    const traces = await figPage.evaluate(() => document.querySelectorAll(".js-plotly-plot .scatterlayer .trace").length);
    assert.ok(traces >= 3, `the plotly page draws the traces (found ${traces})`);
    assert.deepEqual(consoleErrors, [], "no console errors on the interactive figure page");
    await figPage.screenshot({ path: path.join(outDir, "interactive-figure.png") });
    step(`the link opened ${figPage.url()} (${figPage === page ? "same tab" : "new tab"}): a plotly plot with ${traces} traces, no console errors`);
  } finally {
    try {
      if (browser !== undefined) await browser.close().catch(() => undefined);
      await stopServer(server, serverExited, port);
    } finally {
      fs.writeFileSync(path.join(outDir, "server.log"), `${log.join("\n")}\n`);
      fs.rmSync(copy, { force: true });
      const checkpoints = path.join(scratchDir, ".ipynb_checkpoints");
      fs.rmSync(path.join(checkpoints, copyName.replace(/\.ipynb$/, "-checkpoint.ipynb")), { force: true });
      // the folders the server or this test made, when nothing else is in them
      for (const d of scratchExisted ? [checkpoints] : [checkpoints, scratchDir]) if (fs.existsSync(d) && fs.readdirSync(d).length === 0) fs.rmdirSync(d);
      fs.rmSync(jupyterHome, { recursive: true, force: true });
      step(`deleted ${path.relative(root, copy)}; the server's log is in ${path.relative(root, path.join(outDir, "server.log"))}`);
    }
  }
}

/**
 * Send a signal to a process group; a group that has already gone is not an error.
 *
 * @param pgid - the group (the pid of its leader)
 * @param signal - the signal
 */
function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ESRCH") throw e;
  }
}

/**
 * Stop the notebook server by its PID: SIGTERM to its process group, SIGKILL when it has not exited
 * 10 s later; then check that its kernels ended and its port is closed.
 *
 * @param server - the process started by spawn (detached: its pid is its process group), if any
 * @param serverExited - resolves when it has exited
 * @param port - its port
 * @throws AssertionError when the port still answers; Error when a kernel outlives the server
 */
async function stopServer(server: ChildProcess | undefined, serverExited: Promise<void> | undefined, port: number): Promise<void> {
  if (server?.pid !== undefined) {
    const pid = server.pid;
    const kernels = childrenOf(pid).filter((c) => c.cmd.includes("tslab"));
    let how = "SIGTERM";
    if (server.exitCode === null && server.signalCode === null) {
      signalGroup(pid, "SIGTERM");
      let timer: NodeJS.Timeout | undefined;
      const stopped = await Promise.race([serverExited?.then(() => true), new Promise<boolean>((r) => { timer = setTimeout(() => r(false), 10_000); })]);
      clearTimeout(timer);
      if (stopped !== true) {
        how = "SIGKILL (no exit 10 s after SIGTERM)";
        signalGroup(pid, "SIGKILL");
        await serverExited;
      }
    }
    await waitFor("the kernels to end", 10_000, () => Promise.resolve(kernels.every((k) => !alive(k.pid)) ? true : undefined)).catch((e: unknown) => {
      for (const k of kernels) if (alive(k.pid)) process.kill(k.pid, "SIGKILL");
      throw e;
    });
    assert.equal(await portOpen(port), false, `port ${port} is closed after the server stopped`);
    step(`server stopped by ${how} to process group ${pid}; its ${kernels.length} kernel(s) ended; port ${port} closed`);
  }
}

main().then(
  () => { step("passed"); },
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    step("FAILED");
    process.exitCode = 1;
  },
);
