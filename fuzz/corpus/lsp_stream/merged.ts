Content-Length: 802

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/merged.ts", "languageId": "typescript", "version": 1, "text": "// The anonymous id is passed: the pre-signup activity is merged.\nimport { TrackClient } from 'customerio-node';\nimport { Analytics } from '@customerio/cdp-analytics-node';\n\nconst cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, process.env.CUSTOMERIO_TRACK_API_KEY!);\nconst analytics = new Analytics({ writeKey: process.env.CUSTOMERIO_WRITE_KEY! });\n\nexport async function completeSignup(user: { id: string; email: string }, anonymousId: string) {\n  await cio.identify(user.id, { email: user.email, anonymous_id: anonymousId });\n  analytics.identify({ userId: user.id, anonymousId, traits: { email: user.email } });\n}\n"}}}Content-Length: 249

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/merged.ts", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "x{"}]}}Content-Length: 161

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/merged.ts"}, "position": {"line": 3, "character": 10}}}Content-Length: 242

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/merged.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 278

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/merged.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.cio-lint"]}}}Content-Length: 113

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/merged.ts"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}