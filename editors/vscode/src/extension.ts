// The cio-lint extension: starts `cio-lint lsp` and hands it TypeScript, JavaScript
// (and their JSX flavours) and HTML/Liquid email templates.
//
// Everything the editor shows (squiggles, hovers, quick fixes, `source.fixAll.cio-lint`)
// comes from the server through vscode-languageclient; this file only finds the binary,
// starts and restarts the client, and forwards the `cioLint.*` settings.

import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

const CLIENT_ID = 'cioLint';
const CLIENT_NAME = 'cio-lint';
// A section of the repository's README.md (tests/dist.rs checks that it exists).
const INSTALL_URL = 'https://github.com/cio-lint/cio-lint#install';

// Languages the server is started for. Email templates (HTML, Liquid, Handlebars, MJML)
// are checked by `cio-lint check`; the server ignores them for now, so listing them costs
// nothing and lets template rules light up in the editor without an extension update.
const LANGUAGES = [
  'typescript',
  'typescriptreact',
  'javascript',
  'javascriptreact',
  'html',
  'liquid',
  'handlebars',
  'mjml',
];

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
// Serialises start/stop/restart so quick setting changes cannot start two servers.
let lifecycle: Promise<void> = Promise.resolve();

export function activate(context: vscode.ExtensionContext): void {
  output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('cioLint.restartServer', () => queue(() => restart(context))),
    vscode.commands.registerCommand('cioLint.showOutput', () => output.show(true)),
    // Trust lets the workspace's own node_modules/cio-lint be used: start that one.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void queue(() => restart(context))),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (
        event.affectsConfiguration('cioLint.enable') ||
        event.affectsConfiguration('cioLint.path')
      ) {
        void queue(() => restart(context));
      } else if (
        event.affectsConfiguration('cioLint.rules') ||
        event.affectsConfiguration('cioLint.clients')
      ) {
        void sendSettings();
      }
    }),
  );
  void queue(() => start(context));
}

export function deactivate(): Thenable<void> | undefined {
  return queue(stop);
}

function queue(step: () => Promise<void>): Promise<void> {
  lifecycle = lifecycle.then(step, step).catch((err: unknown) => {
    output.error(`cio-lint: ${String(err)}`);
  });
  return lifecycle;
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await stop();
  await start(context);
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.stop(5000);
    } catch (err) {
      output.warn(`cio-lint server did not stop cleanly: ${String(err)}`);
    }
    await running.dispose();
  }
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration('cioLint');
  if (!config.get<boolean>('enable', true)) {
    output.info('cio-lint is disabled (cioLint.enable is false)');
    return;
  }
  const binary = findBinary(context, config);
  if (!binary) {
    return;
  }
  output.info(`starting ${binary.path} lsp (${binary.source})`);

  const serverOptions: ServerOptions = {
    command: binary.path,
    // No `transport`: with TransportKind.stdio the client appends `--stdio`, which
    // `cio-lint lsp` rejects. Without one it talks over stdin/stdout all the same.
    args: ['lsp'],
    options: { env: { ...process.env } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...LANGUAGES.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      // A tracking plan of the default name: its unsaved edits re-check the open
      // documents. A plan of another name is read when it is saved.
      { scheme: 'file', pattern: '**/tracking-plan.{json,yaml,yml}' },
    ],
    // Diagnostics are pushed; VS Code would show pulled ones a second time beside them.
    initializationOptions: { ...serverSettings(), pullDiagnostics: false },
    outputChannel: output,
    traceOutputChannel: output,
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/cio-lint.json'),
    },
  };
  const next = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  client = next;
  try {
    await next.start();
  } catch (err) {
    if (client === next) {
      client = undefined;
    }
    const message = `cio-lint: the language server (${binary.path}) failed to start: ${String(err)}`;
    output.error(message);
    const choice = await vscode.window.showErrorMessage(message, 'Show output', 'Open settings');
    if (choice === 'Show output') {
      output.show(true);
    } else if (choice === 'Open settings') {
      void vscode.commands.executeCommand('workbench.action.openSettings', 'cioLint.path');
    }
    return;
  }
  await sendSettings();
}

// What the server reads from the editor's settings. The server reads `cio-lint.json`
// itself, and it wins over these where both set something.
function serverSettings(): { rules: Record<string, string>; clients: string[] } {
  const config = vscode.workspace.getConfiguration('cioLint');
  return {
    rules: config.get<Record<string, string>>('rules', {}),
    clients: config.get<string[]>('clients', []),
  };
}

async function sendSettings(): Promise<void> {
  if (!client?.isRunning()) {
    return;
  }
  await client.sendNotification(DidChangeConfigurationNotification.type, {
    settings: { cioLint: serverSettings() },
  });
}

interface FoundBinary {
  path: string;
  source: 'cioLint.path' | 'node_modules' | 'bundled' | 'PATH';
}

// In this order: `cioLint.path`; the binary of the workspace's own `cio-lint` npm
// package (so that the editor runs the version the project pins, as its CI does); the
// binary bundled in the extension; `cio-lint` on PATH. When none is found, says so in a
// notification with what to do.
function findBinary(
  context: vscode.ExtensionContext,
  config: vscode.WorkspaceConfiguration,
): FoundBinary | undefined {
  const exe = process.platform === 'win32' ? 'cio-lint.exe' : 'cio-lint';
  const configured = config.get<string>('path')?.trim();
  if (configured) {
    const resolved = expandPath(configured);
    if (isExecutable(resolved)) {
      return { path: resolved, source: 'cioLint.path' };
    }
    void notFound(
      `cio-lint: cioLint.path is set to "${configured}", but no executable file is there. ` +
        'Fix the path or clear the setting to use the bundled binary or the one on PATH.',
    );
    return undefined;
  }
  // A binary inside the workspace is code from the workspace: run it only when the
  // workspace is trusted (in restricted mode the bundled binary is used).
  if (vscode.workspace.isTrusted) {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') {
        continue;
      }
      const local = fromNodeModules(folder.uri.fsPath, exe);
      if (local) {
        return { path: local, source: 'node_modules' };
      }
    }
  }
  const bundled = context.asAbsolutePath(path.join('bin', exe));
  makeExecutable(bundled);
  if (isExecutable(bundled)) {
    return { path: bundled, source: 'bundled' };
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir) {
      const candidate = path.join(dir, exe);
      if (isExecutable(candidate)) {
        return { path: candidate, source: 'PATH' };
      }
    }
  }
  void notFound(
    'cio-lint: the cio-lint binary was not found (no cioLint.path setting, no cio-lint ' +
      'package in the workspace\'s node_modules, none bundled with the extension, none on ' +
      'PATH). Install it in the project (`npm i -D cio-lint`) or set cioLint.path, then ' +
      'run "cio-lint: Restart cio-lint server".',
  );
  return undefined;
}

// The platform packages the npm launcher (npm/cio-lint/lib/platform.js) looks in, best
// first: `@cio-lint/cli-<platform>-<arch>[-musl]`; on glibc Linux the static musl build
// also runs.
function platformPackages(): string[] {
  const base = `${process.platform}-${process.arch}`;
  if (process.platform !== 'linux') {
    return [`@cio-lint/cli-${base}`];
  }
  return isMusl() ? [`@cio-lint/cli-${base}-musl`] : [`@cio-lint/cli-${base}`, `@cio-lint/cli-${base}-musl`];
}

function isMusl(): boolean {
  try {
    const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
    return !report?.header?.glibcVersionRuntime;
  } catch {
    return false;
  }
}

// The binary of the `cio-lint` package that `folder` resolves (its node_modules or one
// above it), found in that package's platform package, as the launcher finds it. The
// launcher itself is not run: the server is started directly, with no Node.js in between.
function fromNodeModules(folder: string, exe: string): string | undefined {
  let launcher: string;
  try {
    launcher = createRequire(path.join(folder, 'package.json')).resolve('cio-lint/package.json');
  } catch {
    return undefined;
  }
  const fromLauncher = createRequire(launcher);
  for (const name of platformPackages()) {
    try {
      const binary = path.join(path.dirname(fromLauncher.resolve(`${name}/package.json`)), 'bin', exe);
      makeExecutable(binary);
      if (isExecutable(binary)) {
        return binary;
      }
    } catch {
      // Not installed: the next one.
    }
  }
  output.warn(
    `${path.dirname(launcher)} has no platform package for ${process.platform}-${process.arch} ` +
      '(installed with --omit=optional?): using the bundled binary or PATH instead',
  );
  return undefined;
}

async function notFound(message: string): Promise<void> {
  output.error(message);
  const choice = await vscode.window.showErrorMessage(message, 'Open settings', 'How to install');
  if (choice === 'Open settings') {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'cioLint.path');
  } else if (choice === 'How to install') {
    await vscode.env.openExternal(vscode.Uri.parse(INSTALL_URL));
  }
}

function expandPath(value: string): string {
  let expanded = value;
  if (expanded === '~' || expanded.startsWith('~/')) {
    expanded = path.join(os.homedir(), expanded.slice(1));
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (folder) {
    expanded = expanded.replace(/\$\{workspaceFolder\}/g, folder);
  }
  if (!path.isAbsolute(expanded) && folder) {
    expanded = path.join(folder, expanded);
  }
  return expanded;
}

// An unpacked .vsix may lose the executable bit of the bundled binary.
function makeExecutable(file: string): void {
  if (process.platform === 'win32' || !fs.existsSync(file) || isExecutable(file)) {
    return;
  }
  try {
    fs.chmodSync(file, 0o755);
  } catch (err) {
    output.warn(`cannot make ${file} executable: ${String(err)}`);
  }
}

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (process.platform !== 'win32') {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}
