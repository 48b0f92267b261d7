--- `:checkhealth cio-lint`: the binary, its version, the Neovim version and the
--- servers running now.

local M = {}

-- vim.health.start/ok/… arrived in 0.9; 0.7 and 0.8 have report_start/report_ok/….
local health = vim.health or require('health')
local start = health.start or health.report_start
local ok = health.ok or health.report_ok
local info = health.info or health.report_info
local warn = health.warn or health.report_warn
local report_error = health.error or health.report_error

local function trim(s)
  return (s:gsub('^%s+', ''):gsub('%s+$', ''))
end

function M.check()
  local plugin = require('cio-lint')
  start('cio-lint')

  local v = vim.version()
  local version = string.format('%d.%d.%d', v.major, v.minor, v.patch)
  if vim.fn.has('nvim-0.11') == 1 then
    ok('Neovim ' .. version .. ': registered with vim.lsp.config / vim.lsp.enable')
  else
    ok('Neovim ' .. version .. ': started from a FileType autocommand (vim.lsp.start)')
  end

  local cmd = plugin.cmd()
  local binary = cmd[1]
  if vim.fn.executable(binary) ~= 1 then
    report_error(
      string.format('cio-lint binary not found: %q is not executable', binary),
      {
        'Install it: cargo install --locked --git https://github.com/cio-lint/cio-lint',
        "or point the plugin at it: require('cio-lint').setup({ path = '/path/to/cio-lint' })",
      }
    )
    return
  end
  local full = vim.fn.exepath(binary)
  if full == '' then
    full = binary
  end
  local output = vim.fn.system({ full, '--version' })
  if vim.v.shell_error ~= 0 then
    report_error(
      string.format('%s --version failed (exit %d): %s', full, vim.v.shell_error, trim(output)),
      { 'Reinstall cio-lint, or check that the path points at the cio-lint binary.' }
    )
    return
  end
  ok(string.format('cio-lint binary: %s (%s)', full, trim(output)))
  info('command: ' .. table.concat(cmd, ' '))

  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  local running = get({ name = plugin.name })
  if #running == 0 then
    info('no cio-lint server running now (one starts when a TypeScript or JavaScript file opens)')
  else
    for _, client in ipairs(running) do
      local buffers = vim.tbl_keys(client.attached_buffers or {})
      ok(string.format(
        'server running (client %d, root %s, %d buffer(s))',
        client.id,
        client.config.root_dir or '?',
        #buffers
      ))
    end
  end
end

return M
