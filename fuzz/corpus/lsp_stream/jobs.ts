Content-Length: 837

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/jobs.ts", "languageId": "typescript", "version": 1, "text": "// Cron job and Inngest function: no request is waiting.\nimport cron from 'node-cron';\nimport { inngest } from './inngest';\nimport { TrackClient } from 'customerio-node';\n\nconst cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, process.env.CUSTOMERIO_TRACK_API_KEY!);\n\ncron.schedule('0 3 * * *', async () => {\n  await cio.track('system', { name: 'nightly_sync_started' });\n});\n\nexport const syncProfile = inngest.createFunction(\n  { id: 'sync-profile' },\n  { event: 'app/user.updated' },\n  async ({ event, step }) => {\n    await step.run('identify', async () => {\n      await cio.identify(event.data.id, { plan: event.data.plan });\n    });\n  },\n);\n"}}}Content-Length: 247

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/jobs.ts", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "x{"}]}}Content-Length: 159

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/jobs.ts"}, "position": {"line": 3, "character": 10}}}Content-Length: 240

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/jobs.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 276

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/jobs.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.cio-lint"]}}}Content-Length: 111

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/jobs.ts"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}