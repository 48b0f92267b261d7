// Runs before `vsce package`: copies the schemas of the configuration and the tracking
// plan from the repository root into the extension (contributes.jsonValidation points
// at the copies), and the binary
// named by CIO_LINT_BUNDLE_BINARY into bin/ when set. Without it the package carries no
// binary and the extension uses cioLint.path or PATH.
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const extension = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = resolve(extension, '..', '..');

for (const schema of ['cio-lint.schema.json', 'tracking-plan.schema.json']) {
  copyFileSync(join(repo, schema), join(extension, schema));
  console.log(`prepackage: copied ${schema}`);
}

const bundled = join(extension, 'bin', process.platform === 'win32' ? 'cio-lint.exe' : 'cio-lint');
const binary = process.env.CIO_LINT_BUNDLE_BINARY;
if (binary) {
  if (!existsSync(binary)) {
    console.error(`prepackage: CIO_LINT_BUNDLE_BINARY=${binary} does not exist`);
    process.exit(1);
  }
  mkdirSync(dirname(bundled), { recursive: true });
  copyFileSync(binary, bundled);
  chmodSync(bundled, 0o755);
  console.log(`prepackage: bundled ${binary} as bin/cio-lint`);
} else if (existsSync(bundled)) {
  rmSync(bundled);
  console.log('prepackage: no CIO_LINT_BUNDLE_BINARY, removed the old bin/cio-lint');
}
