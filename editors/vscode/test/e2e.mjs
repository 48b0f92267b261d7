// End-to-end test of the packaged extension in real VS Code (code-server) driven by
// headless Chromium through playwright-core.
//
//   node editors/vscode/test/e2e.mjs
//
// Environment:
//   CODE_SERVER           the code-server launcher (required)
//   CIO_LINT_VSIX         the packaged extension (required)
//   CIO_LINT_E2E_SERVER   a cio-lint binary to use through the cioLint.path setting
//                         (default: none, so the binary bundled in the .vsix is used)
//   CIO_LINT_E2E_NPM      a folder with the npm tarballs (scripts/package-npm.sh): they
//                         are installed into the workspace (npm install --offline), and
//                         the server must be started from its node_modules/cio-lint
//   CIO_LINT_E2E_REDUCED  1: only the first checks (install, squiggle, Problems, which
//                         binary started), for a second pass over another binary source
//   CHROMIUM              default /usr/bin/chromium
//   CIO_LINT_SCREENSHOT   where to save the hover screenshot (default: none)
//   CIO_LINT_E2E_TIMEOUT  milliseconds per wait (default 30000)
//   CIO_LINT_E2E_KEEP     1: keep the temporary folders (for debugging)
//
// Works on a copy of examples/express-app. Prints PASS/FAIL per check and
// "N passed, M failed"; exits 1 when anything failed. On failure it saves a screenshot
// of the whole window next to the temporary folders and prints where.

import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..', '..');
const codeServer = process.env.CODE_SERVER;
const vsix = process.env.CIO_LINT_VSIX;
const serverOverride = process.env.CIO_LINT_E2E_SERVER;
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const screenshotPath = process.env.CIO_LINT_SCREENSHOT;
const timeout = Number(process.env.CIO_LINT_E2E_TIMEOUT || 30000);
const keep = process.env.CIO_LINT_E2E_KEEP === '1';
const npmPackages = process.env.CIO_LINT_E2E_NPM;
const reduced = process.env.CIO_LINT_E2E_REDUCED === '1';

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) {
    passed++;
    console.log(`PASS ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}${detail ? `: ${String(detail).slice(0, 600)}` : ''}`);
  }
  return ok;
}
const log = (message) => console.log(`  .. ${message}`);

if (!codeServer || !existsSync(codeServer) || !vsix || !existsSync(vsix)) {
  console.log('FAIL setup: set CODE_SERVER and CIO_LINT_VSIX (scripts/editor-tests.sh does)');
  console.log('vscode: 0 passed, 1 failed');
  process.exit(1);
}

// --- the scratch installation ----------------------------------------------------------

const root = mkdtempSync(join(tmpdir(), 'cio-lint-vscode-'));
const userData = join(root, 'user-data');
const extensions = join(root, 'extensions');
const builtins = join(root, 'builtin-extensions');
const workspace = join(root, 'express-app');
const config = join(root, 'code-server.yaml');
mkdirSync(join(userData, 'User'), { recursive: true });
mkdirSync(extensions);
mkdirSync(builtins);
cpSync(join(repo, 'examples', 'express-app'), workspace, { recursive: true });
writeFileSync(config, 'auth: none\ncert: false\n');

// The built-in TypeScript extension answers hovers too: leave it out (code-server has no
// --disable-extension), keeping every other built-in, TypeScript grammars included.
const codeServerRoot = resolve(dirname(codeServer), '..', 'code-server');
const builtinSource = [
  join(codeServerRoot, 'lib', 'vscode', 'extensions'),
  resolve(dirname(codeServer), '..', 'lib', 'vscode', 'extensions'),
].find((dir) => existsSync(join(dir, 'typescript-basics')));
if (!builtinSource) {
  console.log(`FAIL setup: no built-in extensions beside ${codeServer}`);
  console.log('vscode: 0 passed, 1 failed');
  process.exit(1);
}
for (const entry of readdirSync(builtinSource, { withFileTypes: true })) {
  if (entry.isDirectory() && entry.name !== 'typescript-language-features' && entry.name !== 'node_modules') {
    symlinkSync(join(builtinSource, entry.name), join(builtins, entry.name));
  }
}

const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'editor.hover.delay': 200,
  'editor.minimap.enabled': false,
  'editor.lightbulb.enabled': 'on',
  'editor.fontSize': 14,
  'files.autoSave': 'off',
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'typescript.validate.enable': false,
  'javascript.validate.enable': false,
  'cioLint.trace.server': 'messages',
  // Reaches the server in initializationOptions: products.ts has a dynamic event name.
  'cioLint.rules': { 'dynamic-event-name': 'off' },
};
if (serverOverride) {
  userSettings['cioLint.path'] = resolve(serverOverride);
}
writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
mkdirSync(join(workspace, '.vscode'));
const workspaceSettings = { 'editor.codeActionsOnSave': { 'source.fixAll.cio-lint': 'explicit' } };
writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify(workspaceSettings, null, 2));
// A cio-lint.json with a severity the schema does not allow, in a folder of its own so
// that it configures none of the files the test checks.
mkdirSync(join(workspace, 'packages', 'other'), { recursive: true });
if (npmPackages) {
  // The project installs cio-lint as a user would (`npm i -D cio-lint`), from the packed
  // tarballs and with no network. The example's own dependencies (express, …) cannot be
  // installed offline and play no part in the check: they are left out of the copy.
  const manifest = JSON.parse(readFileSync(join(workspace, 'package.json'), 'utf8'));
  delete manifest.dependencies;
  delete manifest.devDependencies;
  writeFileSync(join(workspace, 'package.json'), JSON.stringify(manifest, null, 2));
  const tarballs = readdirSync(npmPackages).filter((f) => /^cio-lint-.*\.tgz$/.test(f)).map((f) => join(npmPackages, f));
  execFileSync('npm', ['install', '--offline', '--save-dev', '--no-audit', '--no-fund', ...tarballs], {
    cwd: workspace,
    env: { ...process.env, npm_config_cache: join(root, 'npm-cache') },
    encoding: 'utf8',
    timeout: 120000,
  });
  log(`installed ${tarballs.map((t) => t.split('/').pop()).join(', ')} into the workspace`);
}
writeFileSync(join(workspace, 'packages', 'other', 'cio-lint.json'), '{\n  "rules": { "millisecond-timestamp": "loud" }\n}\n');

const baseArgs = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];
// code-server, VS Code and Chromium write config, data and caches under the XDG dirs:
// keep all of it in the scratch folder, not in the user's home.
const env = {
  ...process.env,
  XDG_CONFIG_HOME: join(root, 'xdg-config'),
  XDG_DATA_HOME: join(root, 'xdg-data'),
  XDG_CACHE_HOME: join(root, 'xdg-cache'),
};

let codeServerProcess;
let browser;
let page;

async function main() {
  const installOutput = execFileSync(codeServer, [...baseArgs, '--install-extension', resolve(vsix), '--force'], {
    env,
    encoding: 'utf8',
    timeout: 120000,
  });
  check('vsix installs into code-server', /successfully installed/i.test(installOutput), installOutput);
  const listed = execFileSync(codeServer, [...baseArgs, '--list-extensions', '--show-versions'], { env, encoding: 'utf8', timeout: 60000 });
  check('extension listed', listed.includes('cio-lint.cio-lint@'), listed);

  const port = await freePort();
  codeServerProcess = spawn(
    codeServer,
    [
      ...baseArgs,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--builtin-extensions-dir', builtins,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      workspace,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let serverLog = '';
  codeServerProcess.stdout.on('data', (d) => (serverLog += d));
  codeServerProcess.stderr.on('data', (d) => (serverLog += d));
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
  if (!check('code-server listens', await waitForHttp(`http://127.0.0.1:${port}/healthz`), serverLog)) {
    return;
  }

  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    timeout,
    env,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  page = await context.newPage();
  page.setDefaultTimeout(timeout);
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor();
  check('workbench loaded', true);

  // --- open src/routes/signup.ts ---------------------------------------------------------
  await openFile('signup.ts', 'src/routes');
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  const identifyLine = editor.locator('.view-line').filter({ hasText: 'created_at: Date.now()' });
  await identifyLine.waitFor();
  check('signup.ts open', true);

  // --- the squiggle on Date.now() ----------------------------------------------------------
  const squiggle = await waitFor(() => squiggleOn(editor, identifyLine));
  if (!check('error squiggle on the identify line', squiggle)) {
    return;
  }
  // Where Date.now() is on that line: the squiggle should start there and be that wide.
  let dateNow = await textBox(identifyLine, 'Date.now()');
  check(
    'squiggle covers Date.now()',
    dateNow && Math.abs(squiggle.x - dateNow.x) < 4 && Math.abs(squiggle.width - dateNow.width) < 6,
    `squiggle ${JSON.stringify(squiggle)}, Date.now() ${JSON.stringify(dateNow)}`,
  );

  const expectedSource = serverOverride ? '(cioLint.path)' : npmPackages ? '(node_modules)' : '(bundled)';
  const started = await waitFor(() => (channelLog().includes(expectedSource) ? true : undefined), 10000);
  check(`server started from the ${expectedSource.slice(1, -1)} binary`, started && / lsp \((bundled|cioLint\.path|node_modules|PATH)\)/.test(channelLog()), channelLog().slice(0, 400));

  // --- the Problems panel ------------------------------------------------------------------
  await runCommand('View: Focus Problems', 'workbench.panel.markers.view.focus');
  const problem = page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'millisecond timestamp' });
  const problemText = await waitFor(async () => ((await problem.count()) > 0 ? problem.first().innerText() : undefined));
  check(
    'Problems panel lists the finding with its rule and source',
    problemText && problemText.includes('cio-lint') && problemText.includes('millisecond-timestamp'),
    problemText ?? (await page.locator('.markers-panel').innerText().catch(() => 'no markers panel')),
  );
  await runCommand('View: Hide Panel', 'workbench.action.closePanel');
  await page.locator('.markers-panel').waitFor({ state: 'hidden' }).catch(() => {});
  if (reduced) {
    log('reduced run (CIO_LINT_E2E_REDUCED=1): the remaining checks ran in the full pass');
    return;
  }

  // --- hover ---------------------------------------------------------------------------
  dateNow = await textBox(identifyLine, 'Date.now()');
  const hover = page.locator('.monaco-hover:visible').filter({ hasText: 'Unix seconds' });
  const hoverText = await waitFor(async () => {
    await page.mouse.move(dateNow.x - 30, dateNow.y + dateNow.height / 2);
    await page.mouse.move(dateNow.x + dateNow.width / 2, dateNow.y + dateNow.height / 2, { steps: 5 });
    try {
      await hover.first().waitFor({ timeout: 3000 });
      return await hover.first().innerText();
    } catch {
      return undefined;
    }
  });
  check(
    'hover explains the finding',
    hoverText && hoverText.includes('millisecond-timestamp') && hoverText.includes('Unix seconds'),
    hoverText ?? 'no hover',
  );
  if (hoverText && screenshotPath) {
    await page.waitForTimeout(500);
    const hoverBox = await hover.first().boundingBox();
    const lineBox = await identifyLine.boundingBox();
    const editorBox = await editor.boundingBox();
    const x = Math.max(0, Math.min(hoverBox.x, editorBox.x + 8) - 4);
    const y = Math.max(0, Math.min(hoverBox.y, lineBox.y) - 12);
    const right = Math.min(1280, Math.max(hoverBox.x + hoverBox.width, dateNow.x + dateNow.width + 80) + 12);
    const bottom = Math.min(800, Math.max(hoverBox.y + hoverBox.height, lineBox.y + lineBox.height) + 12);
    mkdirSync(dirname(screenshotPath), { recursive: true });
    await page.screenshot({ path: screenshotPath, clip: { x, y, width: right - x, height: bottom - y } });
    log(`hover screenshot: ${screenshotPath}`);
  }
  await page.mouse.move(700, 20);
  await page.keyboard.press('Escape');

  // --- the quick fix from Ctrl+. ------------------------------------------------------------
  await page.mouse.click(dateNow.x + dateNow.width / 2, dateNow.y + dateNow.height / 2);
  await page.mouse.move(700, 20);
  await page.keyboard.press('Escape');
  const fixText = 'created_at: Math.floor(Date.now() / 1000)';
  const fixedLine = editor.locator('.view-line').filter({ hasText: fixText });
  let offered = '';
  const applied = await waitFor(async () => {
    await page.keyboard.press('Control+.');
    const widget = page.locator('.action-widget:visible');
    const row = widget.locator('.monaco-list-row').filter({ hasText: 'Convert to Unix seconds' });
    try {
      await row.first().waitFor({ timeout: 3000 });
    } catch {
      offered = await widget.innerText().catch(() => 'no code action menu');
      await page.keyboard.press('Escape');
      return undefined;
    }
    offered = await widget.innerText();
    // The menu opens with its first action focused: apply it with Enter, as a user
    // would (Playwright's click waits forever for the menu to count as "stable").
    for (let i = 0; i < 5 && !/focused/.test((await row.first().getAttribute('class')) ?? ''); i++) {
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    return waitFor(async () => ((await fixedLine.count()) > 0 ? true : undefined), 5000);
  });
  check('quick fix from Ctrl+. rewrites to Math.floor(Date.now() / 1000)', applied, `menu: ${offered}`);
  check('squiggle gone after the fix', applied && (await waitFor(async () => ((await squiggleOn(editor, fixedLine)) ? undefined : true), 10000)));

  // --- fix all on save (source.fixAll.cio-lint in editor.codeActionsOnSave) ---------------
  // The file still has safe fixes after the quick fix (which ones depends on the rules of
  // the day): saving must apply them, so the saved file has fewer findings than the text
  // before the save.
  const signupPath = join(workspace, 'src', 'routes', 'signup.ts');
  const beforeSave = readFileSync(signupPath, 'utf8').replace('created_at: Date.now()', fixText);
  const findingsBefore = countFindings(beforeSave);
  await page.keyboard.press('Control+s');
  const saved = await waitFor(() => {
    const text = readFileSync(signupPath, 'utf8');
    return text !== beforeSave && text.includes(fixText) ? text : undefined;
  });
  const findingsAfter = saved ? countFindings(saved) : NaN;
  check(
    'save runs source.fixAll.cio-lint (safe fixes applied on save)',
    saved && findingsAfter < findingsBefore,
    `findings before the save ${findingsBefore}, after ${findingsAfter}:\n` +
      readFileSync(signupPath, 'utf8').split('\n').slice(22, 30).join('\n'),
  );

  // --- the commands -----------------------------------------------------------------------
  await runCommand('cio-lint: Show output', 'cioLint.showOutput');
  const outputShown = await waitFor(async () => {
    const panel = page.locator('.part.panel');
    if (!(await panel.isVisible().catch(() => false))) return undefined;
    const channel = await panel.locator('select, .monaco-select-box').first().evaluate((el) => el.value ?? el.textContent).catch(() => '');
    const text = normal(await panel.innerText().catch(() => ''));
    return /cio-lint/.test(channel ?? '') && text.includes('[Trace') ? true : undefined;
  }, 10000);
  check('"Show output" opens the cio-lint channel', outputShown, normal(await page.locator('.part.panel').innerText().catch(() => 'no panel')).slice(0, 400));
  await runCommand('View: Hide Panel', 'workbench.action.closePanel');
  await runCommand('cio-lint: Restart cio-lint server', 'cioLint.restartServer');
  const restarted = await waitFor(() => ((channelLog().match(/\] starting /g) || []).length >= 2 ? true : undefined), 15000);
  check('"Restart cio-lint server" starts a new server', restarted, channelLog().slice(-600));
  await openFile('products.ts', 'src/routes');
  await runCommand('View: Focus Problems', 'workbench.panel.markers.view.focus');
  const productsProblem = page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'pii-in-event-name' });
  check(
    'the restarted server publishes diagnostics (products.ts in Problems)',
    await waitFor(async () => ((await productsProblem.count()) > 0 ? true : undefined)),
    await page.locator('.markers-panel').innerText().catch(() => ''),
  );
  const markersText = await page.locator('.markers-panel').innerText().catch(() => '');
  check('cioLint.rules reach the server at start (dynamic-event-name off)', !markersText.includes('dynamic-event-name'), markersText);

  // Changed settings go to the running server (workspace/didChangeConfiguration).
  writeFileSync(
    join(workspace, '.vscode', 'settings.json'),
    JSON.stringify({ ...workspaceSettings, 'cioLint.rules': { 'pii-in-event-name': 'off' } }, null, 2),
  );
  check(
    'a changed cioLint.rules takes effect without a restart (pii-in-event-name off)',
    await waitFor(async () => ((await productsProblem.count()) === 0 ? true : undefined), 20000),
    await page.locator('.markers-panel').innerText().catch(() => ''),
  );

  // A cio-lint.json written next to the code is picked up (the extension watches
  // **/cio-lint.json) and wins over the editor's settings.
  writeFileSync(join(workspace, 'cio-lint.json'), '{ "rules": { "pii-in-event-name": "warning" } }\n');
  check(
    'a new cio-lint.json takes effect and wins over the editor settings',
    await waitFor(async () => ((await productsProblem.count()) > 0 ? true : undefined), 20000),
    await page.locator('.markers-panel').innerText().catch(() => ''),
  );
  await runCommand('View: Hide Panel', 'workbench.action.closePanel');

  // --- cio-lint.json against the schema ---------------------------------------------------
  await openFile('cio-lint.json', 'packages/other');
  await runCommand('View: Focus Problems', 'workbench.panel.markers.view.focus');
  const schemaProblem = page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'Value is not accepted' });
  check(
    'cio-lint.json validated against the schema',
    await waitFor(async () => ((await schemaProblem.count()) > 0 ? true : undefined), 15000),
    await page.locator('.markers-panel').innerText().catch(() => ''),
  );

  // --- a binary that is not there: a notification says what to do ----------------------
  await runCommand('View: Hide Panel', 'workbench.action.closePanel');
  // Through the workspace settings file (cioLint.path may be set per workspace), which
  // VS Code watches; it restarts the server on the change.
  writeFileSync(
    join(workspace, '.vscode', 'settings.json'),
    JSON.stringify({ ...workspaceSettings, 'cioLint.path': join(root, 'no-such-cio-lint') }, null, 2),
  );
  const toast = page.locator('.notifications-toasts .notification-list-item').filter({ hasText: 'cioLint.path' });
  const toastText = await waitFor(async () => ((await toast.count()) > 0 ? toast.first().innerText() : undefined), 20000);
  check(
    'a missing binary gets a notification saying what to do',
    toastText && toastText.includes('no executable file is there') && toastText.includes('Open settings'),
    toastText ?? (await page.locator('.notifications-toasts').innerText().catch(() => 'no notification')),
  );
}

// The extension's output channel, as VS Code logged it so far.
function channelLog() {
  const logs = join(userData, 'logs');
  if (!existsSync(logs)) return '';
  const files = execFileSync('find', [logs, '-name', 'cio-lint.log'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  return files.map((f) => readFileSync(f, 'utf8')).join('\n');
}

// The box of the error squiggle on a rendered line, if there is one.
async function squiggleOn(editor, line) {
  if (!(await line.count())) return undefined;
  const lineBox = await line.first().boundingBox();
  if (!lineBox) return undefined;
  for (const candidate of await editor.locator('.squiggly-error').all()) {
    const box = await candidate.boundingBox();
    if (box && Math.abs(box.y + box.height / 2 - (lineBox.y + lineBox.height / 2)) < lineBox.height / 2) {
      return box;
    }
  }
  return undefined;
}

// --- helpers ------------------------------------------------------------------------------

// How many findings `cio-lint check` reports on a TypeScript text (the binary the
// extension runs: cioLint.path when set, else the bundled one).
function countFindings(text) {
  const binary = serverOverride
    ? resolve(serverOverride)
    : join(extensions, readdirSync(extensions).find((d) => d.startsWith('cio-lint.cio-lint-')), 'bin', 'cio-lint');
  const dir = mkdtempSync(join(root, 'count-'));
  const file = join(dir, 'signup.ts');
  writeFileSync(file, text);
  let stdout;
  try {
    stdout = execFileSync(binary, ['check', '--format', 'json', file], { encoding: 'utf8', timeout: 30000 });
  } catch (err) {
    stdout = err.stdout; // exit 1: findings at the fail level
  }
  return JSON.parse(stdout).diagnostics.length;
}

function normal(text) {
  return text.replace(/\u00a0/g, ' ');
}

// The screen box of `needle` inside a rendered editor line.
async function textBox(line, needle) {
  return line.evaluate((element, text) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let full = '';
    while (walker.nextNode()) {
      nodes.push({ node: walker.currentNode, start: full.length });
      full += walker.currentNode.nodeValue.replace(/\u00a0/g, ' ');
    }
    const at = full.indexOf(text);
    if (at < 0) return undefined;
    const locate = (offset) => {
      const entry = nodes.filter((n) => n.start <= offset).pop();
      return [entry.node, offset - entry.start];
    };
    const range = document.createRange();
    range.setStart(...locate(at));
    range.setEnd(...locate(at + text.length - 1));
    range.setEnd(range.endContainer, range.endOffset + 1);
    const r = range.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }, needle);
}

async function openFile(name, folderHint) {
  const input = page.locator('.quick-input-widget input');
  await waitFor(async () => {
    await page.keyboard.press('Control+p');
    try {
      await input.waitFor({ timeout: 3000 });
      return true;
    } catch {
      return undefined;
    }
  });
  await input.fill(name);
  // Enter only once the list has caught up with the filter (it first shows the files
  // opened recently).
  const rows = page.locator('.quick-input-list .monaco-list-row');
  const index = await waitFor(async () => {
    const texts = (await rows.allInnerTexts().catch(() => [])).map(normal);
    const at = texts.findIndex((text) => text.includes(name) && text.includes(folderHint));
    return at >= 0 ? at + 1 : undefined;
  }, 15000);
  for (let i = 1; i < (index ?? 1); i++) {
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await page.locator(`.tab[aria-label*="${name}"]`).first().waitFor();
}

async function runCommand(label, id) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${label}`);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: label.split(': ').pop() });
  try {
    await row.first().waitFor({ timeout: 10000 });
  } catch {
    log(`command "${label}" (${id}) not in the palette`);
    await page.keyboard.press('Escape');
    return false;
  }
  await page.keyboard.press('Enter');
  return true;
}

async function waitFor(probe, ms = timeout) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) return undefined;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function waitForHttp(url) {
  return waitFor(async () => {
    try {
      const response = await fetch(url);
      return response.ok || undefined;
    } catch {
      return undefined;
    }
  }, 60000);
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function cleanup() {
  if (failed && page) {
    const shot = join(root, 'failure.png');
    await page.screenshot({ path: shot }).catch(() => {});
    console.log(`  .. failure screenshot: ${shot}`);
  }
  await browser?.close().catch(() => {});
  if (codeServerProcess?.pid) {
    try {
      process.kill(-codeServerProcess.pid, 'SIGTERM');
    } catch {}
  }
  if (!keep && !failed) {
    rmSync(root, { recursive: true, force: true });
  } else {
    console.log(`  .. kept ${root}`);
  }
}

const watchdog = setTimeout(() => {
  check('finished in time', false, 'the test ran for 8 minutes');
  void cleanup().then(() => process.exit(1));
}, 8 * 60 * 1000);

try {
  await main();
} catch (err) {
  check('no unexpected error', false, err?.stack ?? err);
}
clearTimeout(watchdog);
await cleanup();
console.log(`vscode: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
