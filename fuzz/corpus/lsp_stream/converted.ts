Content-Length: 1197

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/converted.ts", "languageId": "typescript", "version": 1, "text": "// Dates converted to Unix seconds before they reach the Track API.\nimport { TrackClient } from 'customerio-node';\nimport { addDays, getUnixTime } from 'date-fns';\nimport dayjs from 'dayjs';\n\nconst cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, process.env.CUSTOMERIO_TRACK_API_KEY!);\n\nexport async function startTrial(accountId: string, signedUpAt: Date, createdAt: number): Promise<void> {\n  // cio.identify(accountId, { trial_ends_at: addDays(new Date(), 14) }) sent an ISO string.\n  const now = new Date();\n  await cio.identify(accountId, {\n    created_at: createdAt,\n    signed_up_at: Math.floor(signedUpAt.getTime() / 1000),\n    trial_started_at: getUnixTime(now),\n    trial_ends_at: getUnixTime(addDays(now, 14)),\n    reminder_at: dayjs(now).add(10, 'day').unix(),\n  });\n}\n\nexport async function trialReminderSent(accountId: string, sentAt: Date): Promise<void> {\n  await cio.track(accountId, {\n    name: 'trial_reminder_sent',\n    timestamp: Math.floor(sentAt.getTime() / 1000),\n  });\n}\n"}}}Content-Length: 252

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/converted.ts", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "x{"}]}}Content-Length: 164

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/converted.ts"}, "position": {"line": 3, "character": 10}}}Content-Length: 245

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/converted.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 281

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/converted.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.cio-lint"]}}}Content-Length: 116

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/converted.ts"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}