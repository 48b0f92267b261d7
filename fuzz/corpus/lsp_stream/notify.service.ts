Content-Length: 809

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/notify.service.ts", "languageId": "typescript", "version": 1, "text": "// NestJS: a method builds an App API client from per-call config, so no fix.\nimport { Injectable } from '@nestjs/common';\nimport { ConfigService } from '@nestjs/config';\nimport { APIClient, SendEmailRequest } from 'customerio-node';\n\n@Injectable()\nexport class NotifyService {\n  constructor(private readonly config: ConfigService) {}\n\n  async sendReset(to: string, link: string) {\n    const api = new APIClient(this.config.getOrThrow('CUSTOMERIO_APP_API_KEY'));\n    //          ^ client-per-request\n    await api.sendEmail(new SendEmailRequest({ to, transactional_message_id: 'reset', message_data: { link } }));\n  }\n}\n"}}}Content-Length: 257

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/notify.service.ts", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "x{"}]}}Content-Length: 169

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/notify.service.ts"}, "position": {"line": 3, "character": 10}}}Content-Length: 250

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/notify.service.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 286

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/notify.service.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.cio-lint"]}}}Content-Length: 121

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/notify.service.ts"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}