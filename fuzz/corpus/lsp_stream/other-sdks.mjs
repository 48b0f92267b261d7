Content-Length: 838

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/other-sdks.mjs", "languageId": "javascript", "version": 1, "text": "// Segment's Analytics, Mixpanel and PostHog built per request are not Customer.io.\nimport { Analytics } from '@segment/analytics-node';\nimport Mixpanel from 'mixpanel';\nimport { PostHog } from 'posthog-node';\n\nexport async function handler(req, res) {\n  const analytics = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY });\n  const posthog = new PostHog(process.env.POSTHOG_KEY);\n  const mixpanel = Mixpanel.init(process.env.MIXPANEL_TOKEN);\n  analytics.track({ userId: req.user.id, event: 'Visited' });\n  posthog.capture({ distinctId: req.user.id, event: 'visited' });\n  mixpanel.track('Visited', { distinct_id: req.user.id });\n  res.end();\n}\n"}}}Content-Length: 254

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/other-sdks.mjs", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "x{"}]}}Content-Length: 166

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/other-sdks.mjs"}, "position": {"line": 3, "character": 10}}}Content-Length: 247

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/other-sdks.mjs"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 283

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/other-sdks.mjs"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.cio-lint"]}}}Content-Length: 118

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/other-sdks.mjs"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}