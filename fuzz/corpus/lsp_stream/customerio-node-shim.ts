Content-Length: 785

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/customerio-node-shim.ts", "languageId": "typescript", "version": 1, "text": "// Ambient module declaration: types only, no calls.\ndeclare module 'customerio-node' {\n  export interface IdentifyAttributes {\n    email?: string;\n    /** Unix seconds, never `new Date()`. */\n    created_at?: number;\n    [key: string]: unknown;\n  }\n\n  export class TrackClient {\n    constructor(siteId: string, apiKey: string, defaults?: { region?: unknown });\n    identify(customerId: string | number, data?: IdentifyAttributes): Promise<unknown>;\n    track(customerId: string | number, data: { name: string; data?: Record<string, unknown>; timestamp?: number }): Promise<unknown>;\n  }\n}\n"}}}Content-Length: 263

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/customerio-node-shim.ts", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "x{"}]}}Content-Length: 175

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/customerio-node-shim.ts"}, "position": {"line": 3, "character": 10}}}Content-Length: 256

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/customerio-node-shim.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 292

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/customerio-node-shim.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.cio-lint"]}}}Content-Length: 127

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/customerio-node-shim.ts"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}