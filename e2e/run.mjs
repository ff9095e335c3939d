// Browser-test harness: starts `target/debug/chibo serve` on a fresh SQLite
// database in a temporary directory, launches Debian's Chromium through
// playwright-core and runs every `*.spec.mjs` in this directory, once at
// desktop size and once at phone size.
//
// Usage (from the repository root, after `cargo build -p chibo`):
//   node e2e/run.mjs              # every spec
//   node e2e/run.mjs smoke login  # only specs whose name contains one of these words
//
// Spec contract: a spec file exports `default async function (ctx)` with
//   ctx = { browser, baseURL, assert, viewport: { width, height }, label, spec }
// where label is 'desktop' or 'phone'. A spec creates its own context with
//   browser.newContext({ viewport: ctx.viewport, baseURL: ctx.baseURL })
// and closes it at the end. Do not close it in a `finally`: on failure the
// harness screenshots every page still open, then closes what is left.
// Throwing (e.g. a failed assert) fails the run.
//
// Environment knobs (all optional):
//   CHIBO_E2E_BIN              server binary (default: <repo>/target/debug/chibo)
//   CHIBO_E2E_CHROMIUM         browser (default: /usr/bin/chromium)
//   CHIBO_E2E_SPEC_TIMEOUT_MS  time limit for one spec at one size (default: 180000)

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const e2eDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.dirname(e2eDir);
const resultsDir = path.join(e2eDir, 'test-results');
const serverBin = process.env.CHIBO_E2E_BIN || path.join(repoRoot, 'target', 'debug', 'chibo');
const chromiumPath = process.env.CHIBO_E2E_CHROMIUM || '/usr/bin/chromium';
const specTimeoutMs = Number(process.env.CHIBO_E2E_SPEC_TIMEOUT_MS || 180_000);
const healthTimeoutMs = 120_000;

const VIEWPORTS = [
  { label: 'desktop', viewport: { width: 1280, height: 800 } },
  { label: 'phone', viewport: { width: 390, height: 844 } },
];

const LAUNCH_OPTIONS = {
  executablePath: chromiumPath,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

// ---------------------------------------------------------------- state + cleanup

let tmpDir = null;
let server = null;
let serverExited = null; // { code, signal } once the child has exited
let browser = null;
const serverOutput = [];
let serverOutputBytes = 0;
const SERVER_OUTPUT_LIMIT = 4 * 1024 * 1024;

function log(...args) {
  console.log('[e2e]', ...args);
}

function captureServerOutput(stream, chunk) {
  if (serverOutputBytes > SERVER_OUTPUT_LIMIT) return;
  serverOutputBytes += chunk.length;
  serverOutput.push(`${stream}| ${chunk.toString('utf8')}`);
}

function serverLog() {
  return serverOutput.join('');
}

function dumpServerOutput(reason) {
  const text = serverLog();
  console.error(`[e2e] ---- server output (${reason}) ----`);
  console.error(text.length ? text.trimEnd() : '(no output)');
  console.error('[e2e] ---- end of server output ----');
  try {
    fs.mkdirSync(resultsDir, { recursive: true });
    fs.writeFileSync(path.join(resultsDir, 'server.log'), text);
  } catch {
    // best effort
  }
}

// Synchronous last resort, run on any exit path (also after an uncaught error).
function cleanupSync() {
  if (server && serverExited === null) {
    try {
      server.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  if (tmpDir) {
    try {
      fs.rmSync(tmpDir, { recursive: true, force: true });
    } catch {
      // best effort
    }
    tmpDir = null;
  }
}

let cleaningUp = null;
async function cleanup() {
  if (cleaningUp) return cleaningUp;
  cleaningUp = (async () => {
    if (browser) {
      const b = browser;
      browser = null;
      await Promise.race([b.close().catch(() => {}), deadline(10_000)]);
    }
    if (server && serverExited === null) {
      server.kill('SIGTERM');
      const killBy = Date.now() + 5_000;
      while (serverExited === null && Date.now() < killBy) await sleep(50);
      if (serverExited === null) server.kill('SIGKILL');
    }
    cleanupSync();
  })();
  return cleaningUp;
}

process.on('exit', cleanupSync);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`[e2e] received ${signal}, cleaning up`);
    cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}
process.on('unhandledRejection', (err) => {
  // A spec left a promise rejecting in the background: fail the run, keep going.
  console.error('[e2e] unhandled rejection:', err);
  process.exitCode = 1;
});

// ---------------------------------------------------------------- helpers

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Like sleep, but does not keep the process alive (for races against a deadline).
function deadline(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function startServer(port) {
  const databaseUrl = `sqlite:${path.join(tmpDir, 'chibo.sqlite')}`;
  const args = ['serve', '--bind', `127.0.0.1:${port}`];
  log(`starting ${serverBin} ${args.join(' ')}`);
  log(`CHIBO_DATABASE_URL=${databaseUrl}`);
  // cwd is the temporary directory so that a developer's ./chibo.toml in the
  // repository root never leaks into the tests.
  server = spawn(serverBin, args, {
    cwd: tmpDir,
    env: { ...process.env, CHIBO_DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.on('data', (c) => captureServerOutput('out', c));
  server.stderr.on('data', (c) => captureServerOutput('err', c));
  server.on('exit', (code, signal) => {
    serverExited = { code, signal };
  });
  return new Promise((resolve, reject) => {
    server.once('spawn', resolve);
    server.once('error', (err) => {
      serverExited = serverExited ?? { code: null, signal: null, error: err };
      reject(new Error(`cannot start ${serverBin}: ${err.message}`));
    });
  });
}

async function waitForHealth(baseURL) {
  const url = `${baseURL}/healthz`;
  const started = Date.now();
  let lastProblem = 'no answer yet';
  while (Date.now() - started < healthTimeoutMs) {
    if (serverExited !== null) {
      dumpServerOutput('server exited before becoming healthy');
      throw new Error(
        `server exited early (code ${serverExited.code}, signal ${serverExited.signal}) before ${url} answered 200`,
      );
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer().catch(() => {});
      if (res.status === 200) {
        log(`server healthy after ${((Date.now() - started) / 1000).toFixed(1)} s at ${baseURL}`);
        return;
      }
      lastProblem = `HTTP ${res.status}`;
    } catch (err) {
      lastProblem = err.cause?.code || err.name || String(err);
    }
    await sleep(250);
  }
  dumpServerOutput('health check timed out');
  throw new Error(`${url} did not answer 200 within ${healthTimeoutMs / 1000} s (last: ${lastProblem})`);
}

function discoverSpecs(filters) {
  const all = fs
    .readdirSync(e2eDir)
    .filter((f) => f.endsWith('.spec.mjs'))
    .sort();
  const chosen = filters.length ? all.filter((f) => filters.some((w) => f.includes(w))) : all;
  return chosen.map((file) => ({ file, name: file.slice(0, -'.spec.mjs'.length) }));
}

async function screenshotOpenPages(specName, label) {
  const pages = browser ? browser.contexts().flatMap((c) => c.pages()) : [];
  if (pages.length === 0) {
    console.error('[e2e]   (no open page to screenshot)');
    return;
  }
  fs.mkdirSync(resultsDir, { recursive: true });
  for (const [i, page] of pages.entries()) {
    const file = path.join(resultsDir, `${specName}-${label}${i === 0 ? '' : `-${i}`}.png`);
    try {
      await page.screenshot({ path: file, fullPage: true, timeout: 10_000 });
      console.error(`[e2e]   screenshot: ${path.relative(repoRoot, file)} (${page.url()})`);
    } catch (err) {
      console.error(`[e2e]   could not screenshot ${page.url()}: ${err.message.split('\n')[0]}`);
    }
  }
}

async function closeAllContexts() {
  if (!browser) return;
  await Promise.all(browser.contexts().map((c) => c.close().catch(() => {})));
}

async function runOne(spec, run, specFn, baseURL) {
  const ctx = {
    browser,
    baseURL,
    assert,
    viewport: { ...run.viewport },
    label: run.label,
    spec: spec.name,
  };
  let timer;
  const specPromise = Promise.resolve().then(() => specFn(ctx));
  specPromise.catch(() => {}); // a late rejection after a timeout is not "unhandled"
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${specTimeoutMs / 1000} s (CHIBO_E2E_SPEC_TIMEOUT_MS)`)),
      specTimeoutMs,
    );
  });
  try {
    await Promise.race([specPromise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------- main

async function main() {
  const filters = process.argv.slice(2);
  const specs = discoverSpecs(filters);
  if (specs.length === 0) {
    throw new Error(`no *.spec.mjs in ${e2eDir}${filters.length ? ` matching ${filters.join(', ')}` : ''}`);
  }
  if (!fs.existsSync(serverBin)) {
    throw new Error(`${serverBin} does not exist: run \`cargo build -p chibo\` first`);
  }
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} does not exist: apt-get install -y chromium`);
  }

  fs.rmSync(resultsDir, { recursive: true, force: true });
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-e2e-'));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;

  await startServer(port);
  await waitForHealth(baseURL);

  browser = await chromium.launch(LAUNCH_OPTIONS);
  log(`chromium ${browser.version()} launched from ${chromiumPath}`);

  const results = [];
  for (const spec of specs) {
    let specFn;
    try {
      const mod = await import(pathToFileURL(path.join(e2eDir, spec.file)).href);
      specFn = mod.default;
      if (typeof specFn !== 'function') throw new Error(`${spec.file} has no default export function`);
    } catch (err) {
      for (const run of VIEWPORTS) {
        results.push({ spec: spec.name, label: run.label, ok: false, secs: 0 });
        console.log(`FAIL ${spec.name} [${run.label}] (could not load)`);
      }
      console.error(`[e2e]   ${err.stack || err}`);
      continue;
    }

    for (const run of VIEWPORTS) {
      const started = Date.now();
      let error = null;
      try {
        if (serverExited !== null) {
          throw new Error(`server is no longer running (code ${serverExited.code}, signal ${serverExited.signal})`);
        }
        await runOne(spec, run, specFn, baseURL);
      } catch (err) {
        error = err;
      }
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      results.push({ spec: spec.name, label: run.label, ok: !error, secs });
      console.log(`${error ? 'FAIL' : 'PASS'} ${spec.name} [${run.label}] (${secs} s)`);
      if (error) {
        console.error(`[e2e]   ${String(error.stack || error).split('\n').join('\n[e2e]   ')}`);
        await screenshotOpenPages(spec.name, run.label);
      }
      await closeAllContexts();
    }
  }

  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) {
    dumpServerOutput('some specs failed');
    console.log('');
    console.log('Failed:');
    for (const r of failed) console.log(`  ${r.spec} [${r.label}]`);
  }
  console.log('');
  console.log(`e2e: ${results.length - failed.length} passed, ${failed.length} failed`);
  return failed.length === 0;
}

let ok = false;
try {
  ok = await main();
} catch (err) {
  console.error(`[e2e] error: ${err.stack || err}`);
  ok = false;
} finally {
  await cleanup();
}
if (!ok) process.exitCode = 1;
