Content-Length: 818

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/users.controller.ts", "languageId": "typescript", "version": 1, "text": "// NestJS controller: the client is injected, typed TrackClient.\nimport { Body, Controller, Post } from '@nestjs/common';\nimport { TrackClient } from 'customerio-node';\nimport { UsersService } from './users.service';\n\n@Controller('users')\nexport class UsersController {\n  constructor(\n    private readonly users: UsersService,\n    private readonly cio: TrackClient,\n  ) {}\n\n  @Post()\n  async create(@Body() dto: { email: string; plan: string }) {\n    const user = await this.users.create(dto);\n    await this.cio.identify(user.id, { email: user.email, plan: dto.plan })\n  //^ blocking-analytics-call\n    return user\n  }\n}\n"}}}Content-Length: 259

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/users.controller.ts", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "x{"}]}}Content-Length: 171

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/users.controller.ts"}, "position": {"line": 3, "character": 10}}}Content-Length: 252

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/users.controller.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 288

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/users.controller.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.cio-lint"]}}}Content-Length: 123

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/users.controller.ts"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}