Content-Length: 695

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/onboarding.service.ts", "languageId": "typescript", "version": 1, "text": "// NestJS service: the anonymous id arrives as a parameter.\nimport { Injectable } from '@nestjs/common';\nimport { TrackClient } from 'customerio-node';\n\n@Injectable()\nexport class OnboardingService {\n  constructor(private readonly cio: TrackClient) {}\n\n  async completeSignup(user: { id: string; email: string }, anonId: string) {\n    await this.cio.identify(user.id, { email: user.email, created_at: Math.floor(Date.now() / 1000) });\n    //                               ^ anonymous-id-not-merged\n  }\n}\n"}}}Content-Length: 261

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/onboarding.service.ts", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "x{"}]}}Content-Length: 173

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/onboarding.service.ts"}, "position": {"line": 3, "character": 10}}}Content-Length: 254

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/onboarding.service.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 290

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/onboarding.service.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.cio-lint"]}}}Content-Length: 125

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/onboarding.service.ts"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}