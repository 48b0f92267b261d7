--- cio-lint for Neovim: registers the `cio-lint lsp` language server.
---
--- ```lua
--- require('cio-lint').setup({
---   path = nil,                 -- the binary; default: `cio-lint` on PATH
---   rules = { ['identify-without-email'] = 'off' },
---   clients = { 'analytics.cio' },
--- })
--- ```
---
--- Neovim 0.11+ gets `vim.lsp.config('cio_lint', …)` + `vim.lsp.enable('cio_lint')`, so
--- the usual `vim.lsp.config('cio_lint', { … })` overrides work too. Older versions get
--- a FileType autocommand that calls `vim.lsp.start` (0.8–0.10) or
--- `vim.lsp.start_client` + `vim.lsp.buf_attach_client` (0.7).

local M = {}

--- The name the server is registered under (`:LspInfo`, `vim.lsp.get_clients{ name = … }`).
M.name = 'cio_lint'

M.defaults = {
  --- Path to the `cio-lint` binary; `nil` finds `cio-lint` on PATH.
  path = nil,
  --- The whole command, when more than the path must change (wins over `path`).
  cmd = nil,
  filetypes = { 'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'html', 'liquid', 'handlebars' },
  --- Searched upward from the file, in this order of preference.
  root_markers = { 'cio-lint.json', 'package.json', '.git' },
  --- Severity per rule id ('off' | 'info' | 'warning' | 'error'), over cio-lint.json.
  rules = {},
  --- Extra expressions to treat as Customer.io clients.
  clients = {},
  --- Extra `initializationOptions` (merged over the defaults below).
  init_options = {},
  --- Passed through to the client config.
  on_attach = nil,
  capabilities = nil,
  --- Start the server automatically for matching buffers.
  autostart = true,
}

local options = vim.deepcopy(M.defaults)

local function has_native_config()
  return vim.lsp.config ~= nil and vim.lsp.enable ~= nil and vim.fn.has('nvim-0.11') == 1
end

--- The command that starts the server, from the options in force.
function M.cmd(opts)
  opts = opts or options
  if opts.cmd then
    return opts.cmd
  end
  return { opts.path and vim.fn.expand(opts.path) or 'cio-lint', 'lsp' }
end

--- The options in force (after `setup`).
function M.options()
  return options
end

--- Editor settings the server reads: at start in `initializationOptions`, later in
--- `workspace/didChangeConfiguration` as `{ settings = { cioLint = … } }`.
local function server_settings(opts)
  return { rules = opts.rules, clients = opts.clients }
end

local function init_options(opts)
  -- Neovim ≥ 0.10 keeps pulled diagnostics apart from pushed ones and would show each
  -- finding twice: the server's pushed diagnostics are enough.
  local base = vim.tbl_extend('force', server_settings(opts), { pullDiagnostics = false })
  return vim.tbl_deep_extend('force', base, opts.init_options or {})
end

--- The client configuration shared by every code path.
local function client_config(opts)
  local config = {
    name = M.name,
    cmd = M.cmd(opts),
    filetypes = opts.filetypes,
    root_markers = opts.root_markers,
    init_options = init_options(opts),
    settings = { cioLint = server_settings(opts) },
  }
  if opts.on_attach then
    config.on_attach = opts.on_attach
  end
  if opts.capabilities then
    config.capabilities = opts.capabilities
  end
  return config
end

--- The project root for a buffer: the nearest directory up with a root marker, markers
--- earlier in the list preferred; else the file's own directory.
function M.root_dir(bufnr, markers)
  markers = markers or options.root_markers
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' then
    return vim.loop.cwd()
  end
  local start = vim.fs and vim.fs.dirname and vim.fs.dirname(name) or vim.fn.fnamemodify(name, ':h')
  if vim.fs and vim.fs.find then
    for _, marker in ipairs(markers) do
      local found = vim.fs.find(marker, { upward = true, path = start })[1]
      if found then
        return vim.fs.dirname(found)
      end
    end
    return start
  end
  -- Neovim 0.7: no vim.fs.
  for _, marker in ipairs(markers) do
    local found = vim.fn.findfile(marker, start .. ';')
    if found == '' then
      found = vim.fn.finddir(marker, start .. ';')
    end
    if found ~= '' then
      return vim.fn.fnamemodify(found, ':p:h' .. (vim.fn.isdirectory(found) == 1 and ':h' or ''))
    end
  end
  return start
end

-- Neovim < 0.11 ----------------------------------------------------------------------

local legacy_clients = {} -- root dir → client id (0.7 path only)

local function start_legacy(bufnr, opts)
  if vim.bo[bufnr].buftype ~= '' then
    return
  end
  local config = client_config(opts)
  config.root_markers = nil
  config.filetypes = nil
  config.root_dir = M.root_dir(bufnr, opts.root_markers)
  if vim.lsp.start then
    vim.lsp.start(config, { bufnr = bufnr })
    return
  end
  -- 0.7: one client per root, attached to every buffer under it.
  local id = legacy_clients[config.root_dir]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(config)
    legacy_clients[config.root_dir] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

local function setup_legacy(opts)
  local group = vim.api.nvim_create_augroup('cio-lint', { clear = true })
  if not opts.autostart then
    return
  end
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = opts.filetypes,
    callback = function(args)
      start_legacy(args.buf, opts)
    end,
  })
  -- Buffers opened before setup().
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(opts.filetypes, vim.bo[bufnr].filetype) then
      start_legacy(bufnr, opts)
    end
  end
end

-- setup ------------------------------------------------------------------------------

--- Registers the server. `opts._legacy = true` takes the pre-0.11 path on any version
--- (the tests use it to check that path on a current Neovim).
function M.setup(opts)
  options = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  -- Lists are replaced, not merged index by index.
  for _, key in ipairs({ 'filetypes', 'root_markers', 'clients', 'cmd' }) do
    if opts and opts[key] ~= nil then
      options[key] = opts[key]
    end
  end
  if has_native_config() and not options._legacy then
    local config = client_config(options)
    config.name = nil
    vim.lsp.config(M.name, config)
    if options.autostart then
      vim.lsp.enable(M.name)
    end
  else
    setup_legacy(options)
  end
end

--- Sends new rules/clients to running servers (`workspace/didChangeConfiguration`).
function M.update_settings(new)
  options = vim.tbl_deep_extend('force', options, new or {})
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  for _, client in ipairs(get({ name = M.name })) do
    client.config.settings = { cioLint = server_settings(options) }
    local params = { settings = client.config.settings }
    if vim.fn.has('nvim-0.11') == 1 then
      client:notify('workspace/didChangeConfiguration', params)
    else
      client.notify('workspace/didChangeConfiguration', params)
    end
  end
end

return M
