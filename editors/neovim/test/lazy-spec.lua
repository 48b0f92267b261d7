-- The lazy.nvim spec that editors/neovim/README.md documents, run as lazy.nvim runs it.
--
--   CIO_LINT_BIN=target/dist/cio-lint nvim --headless --clean -l editors/neovim/test/lazy-spec.lua
--
-- lazy.nvim itself is a GitHub repository, which this machine cannot fetch (no registry
-- carries it), so this test plays its part of the contract, the part the spec depends
-- on: the repository is cloned to `plugin.dir` (here: this repository itself, as
-- `git clone` would lay it out), nothing is loaded until a buffer of one of the spec's
-- `ft` opens, then `config(plugin, opts)` runs with the spec's `opts`, and the FileType
-- event is fired again for that buffer. The binary comes from PATH, the documented
-- default. Prints PASS/FAIL and "neovim-lazy: N passed, M failed".

local script = debug.getinfo(1, 'S').source:sub(2)
local repo = vim.fn.fnamemodify(script, ':p:h:h:h:h')
local binary = vim.env.CIO_LINT_BIN or (repo .. '/target/dist/cio-lint')
local timeout = tonumber(vim.env.CIO_LINT_E2E_TIMEOUT or '') or 15000

local passed, failed = 0, 0
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    io.stdout:write('PASS ' .. name .. '\n')
  else
    failed = failed + 1
    io.stdout:write('FAIL ' .. name .. (detail and (': ' .. detail) or '') .. '\n')
  end
  return ok
end
local function finish()
  for _, client in ipairs(vim.lsp.get_clients()) do
    client:stop(true)
  end
  io.stdout:write(string.format('neovim-lazy: %d passed, %d failed\n', passed, failed))
  os.exit(failed == 0 and 0 or 1)
end

-- The spec, exactly as the README shows it.
local readme = table.concat(vim.fn.readfile(repo .. '/editors/neovim/README.md'), '\n')
local block = readme:match('<!%-%- lazy%.nvim spec:[^\n]*\n```lua\n(.-)\n```')
if not check('README has the lazy.nvim spec block', block ~= nil) then
  finish()
end
local chunk, err = load('return ' .. block, 'lazy spec', 't')
local ok, spec = pcall(chunk or error, err)
if not check('the spec is a Lua table', ok and type(spec) == 'table', tostring(err or spec)) then
  finish()
end
check("the spec names the repository ('cio-lint/cio-lint')", spec[1] == 'cio-lint/cio-lint', tostring(spec[1]))
check('the spec lazy-loads on typescript', vim.tbl_contains(spec.ft or {}, 'typescript'), vim.inspect(spec.ft))

-- cio-lint on PATH, as a global npm install or a build from source puts it.
local bin_dir = vim.fn.tempname()
vim.fn.mkdir(bin_dir, 'p')
vim.uv.fs_symlink(vim.fn.fnamemodify(binary, ':p'), bin_dir .. '/cio-lint')
vim.env.PATH = bin_dir .. ':' .. vim.env.PATH
check('cio-lint is on PATH', vim.fn.executable('cio-lint') == 1, binary)

vim.cmd('filetype on')
check('nothing loaded before a matching buffer', package.loaded['cio-lint'] == nil)

-- lazy.nvim's ft handler: on the first FileType in spec.ft, load, then re-fire.
local plugin = { name = 'cio-lint', dir = repo }
local loaded = false
vim.api.nvim_create_autocmd('FileType', {
  pattern = spec.ft,
  callback = function(event)
    if loaded then
      return
    end
    loaded = true
    spec.config(plugin, vim.deepcopy(spec.opts or {}))
    vim.api.nvim_exec_autocmds('FileType', { buffer = event.buf, modeline = false })
  end,
})

local work = vim.fn.tempname()
vim.fn.mkdir(work, 'p')
vim.fn.system({ 'cp', '-R', repo .. '/examples/express-app/.', work })
vim.cmd.edit(vim.fn.fnameescape(work .. '/src/routes/signup.ts'))
local buf = vim.api.nvim_get_current_buf()
check('opening a .ts file loads the plugin', loaded and package.loaded['cio-lint'] ~= nil)

local client
vim.wait(timeout, function()
  client = vim.lsp.get_clients({ bufnr = buf, name = 'cio_lint' })[1]
  return client ~= nil and client.initialized
end, 50)
if not check('cio_lint attached to the buffer', client ~= nil) then
  finish()
end
check('started from PATH (cmd cio-lint lsp)', client.config.cmd[1] == 'cio-lint' and client.config.cmd[2] == 'lsp', vim.inspect(client.config.cmd))
local found
vim.wait(timeout, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == 'millisecond-timestamp' then
      found = d
    end
  end
  return found ~= nil
end, 50)
check('millisecond-timestamp diagnostic published', found ~= nil, vim.inspect(vim.diagnostic.get(buf)))
finish()
