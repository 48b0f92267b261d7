// The cio-lint extension: starts `cio-lint lsp` and hands it TypeScript, JavaScript
// (and their JSX flavours) and HTML/Liquid email templates.
//
// Everything the editor shows (squiggles, hovers, quick fixes, `source.fixAll.cio-lint`)
// comes from the server through vscode-languageclient; this file only finds the binary,
// starts and restarts the client, and forwards the `cioLint.*` settings.

import * as fs from 'node:fs';
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
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
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
  source: 'cioLint.path' | 'bundled' | 'PATH';
}

// `cioLint.path`, else the binary bundled in the extension, else `cio-lint` on PATH.
// When none is found, says so in a notification with what to do.
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
    'cio-lint: the cio-lint binary was not found (no cioLint.path setting, none bundled ' +
      'with the extension, none on PATH). Install it (`cargo install --locked --git ' +
      'https://github.com/cio-lint/cio-lint`) or set cioLint.path to its location, ' +
      'then run "cio-lint: Restart cio-lint server".',
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
