" End-to-end check of cio-lint under Vim 9 + ALE, configured as editors/README.md says.
"
"   CIO_LINT_BIN=target/release/cio-lint vim -N -u NONE -i NONE -es -S editors/vim/test/ale-e2e.vim
"
" Environment: CIO_LINT_BIN (default target/release/cio-lint), CIO_LINT_E2E_TIMEOUT
" (milliseconds per wait, default 15000), ALE_DIR (default /usr/share/vim-ale, Debian's
" vim-ale). Works on a copy of examples/express-app; prints PASS/FAIL per check and
" "N passed, M failed"; exits 1 when anything failed.
"
" ALE asks which code action to apply through ale#util#Input and shows hovers through
" ale#util#ShowMessage: the test answers the first and records the second.

let s:here = expand('<sfile>:p:h')
let s:repo = fnamemodify(s:here, ':h:h:h')
let s:binary = empty($CIO_LINT_BIN) ? s:repo . '/target/release/cio-lint' : $CIO_LINT_BIN
let s:timeout = empty($CIO_LINT_E2E_TIMEOUT) ? 15000 : str2nr($CIO_LINT_E2E_TIMEOUT)
let s:ale = empty($ALE_DIR) ? '/usr/share/vim-ale' : $ALE_DIR
let s:passed = 0
let s:failed = 0

function! s:Out(line) abort
  call writefile([a:line], '/dev/stdout', 'a')
endfunction

function! s:Check(name, ok, ...) abort
  if a:ok
    let s:passed += 1
    call s:Out('PASS ' . a:name)
  else
    let s:failed += 1
    call s:Out('FAIL ' . a:name . (a:0 ? ': ' . a:1 : ''))
  endif
  return a:ok
endfunction

function! s:Finish() abort
  call s:Out(printf('vim-ale: %d passed, %d failed', s:passed, s:failed))
  call ale#lsp#StopAll()
  if s:failed
    cquit!
  endif
  qall!
endfunction

function! s:Wait(condition) abort
  let l:waited = 0
  while !eval(a:condition) && l:waited < s:timeout
    sleep 50m
    let l:waited += 50
  endwhile
  return eval(a:condition)
endfunction

function! s:TimestampFindings() abort
  let l:info = get(g:ale_buffer_info, bufnr(''), {})
  return filter(copy(get(l:info, 'loclist', [])),
  \ 'get(v:val, "linter_name", "") is# "cio-lint" && get(v:val, "code", "") is# "millisecond-timestamp"')
endfunction

call s:Out('vim ' . v:version . ', ALE from ' . s:ale . ', binary ' . s:binary)
if !executable(s:binary)
  call s:Check('binary', 0, s:binary . ' is not executable')
  call s:Finish()
endif

let &runtimepath = s:ale . ',' . &runtimepath
filetype plugin on
let g:ale_linters_explicit = 1
let g:ale_linters = {'typescript': ['cio-lint']}
let g:ale_lint_on_text_changed = 'never'
let g:ale_lint_on_insert_leave = 0
let g:ale_echo_cursor = 0
let g:ale_set_signs = 0
let g:ale_set_highlights = 0
let g:ale_virtualtext_cursor = 'disabled'
let g:ale_hover_to_preview = 0
let g:ale_floating_preview = 0
let g:ale_hover_to_floating_preview = 0
execute 'source ' . fnameescape(s:ale . '/plugin/ale.vim')

" --- the configuration from editors/README.md -----------------------------------------
function! CioLintRoot(buffer) abort
  for l:marker in ['cio-lint.json', 'package.json', '.git']
    let l:found = ale#path#FindNearestFile(a:buffer, l:marker)
    if empty(l:found)
      let l:found = ale#path#FindNearestDirectory(a:buffer, l:marker)
    endif
    if !empty(l:found)
      return fnamemodify(substitute(l:found, '/$', '', ''), ':h')
    endif
  endfor
  return expand('#' . a:buffer . ':p:h')
endfunction

for s:filetype in ['typescript', 'typescriptreact', 'javascript', 'javascriptreact']
  call ale#linter#Define(s:filetype, {
  \   'name': 'cio-lint',
  \   'lsp': 'stdio',
  \   'executable': s:binary,
  \   'command': '%e lsp',
  \   'project_root': function('CioLintRoot'),
  \   'initialization_options': {'pullDiagnostics': v:false},
  \})
endfor

" --- answers for ALE's prompts ------------------------------------------------------------
runtime autoload/ale/util.vim
let g:e2e_menu = ''
let g:e2e_hover = ''
function! ale#util#Input(message, value, ...) abort
  let g:e2e_menu = a:message
  for l:line in split(a:message, "\n")
    let l:match = matchlist(l:line, '^\(\d\+\)) Convert to Unix seconds')
    if !empty(l:match)
      return l:match[1]
    endif
  endfor
  return ''
endfunction
function! ale#util#ShowMessage(string, ...) abort
  let g:e2e_hover .= a:string
endfunction

" --- the test ---------------------------------------------------------------------------
let s:work = tempname()
call mkdir(s:work, 'p')
call system('cp -R ' . shellescape(s:repo . '/examples/express-app/.') . ' ' . shellescape(s:work))
execute 'edit ' . fnameescape(s:work . '/src/routes/signup.ts')
call s:Check('filetype is typescript', &filetype is# 'typescript', &filetype)

ALELint
call s:Check('diagnostic on open', s:Wait('len(s:TimestampFindings()) == 1'), string(get(get(g:ale_buffer_info, bufnr(''), {}), 'loclist', [])))
let s:identify = search('created_at: Date.now()', 'nw')
let s:column = stridx(getline(s:identify), 'Date.now()') + 1
let s:found = s:TimestampFindings()
if !empty(s:found)
  call s:Check('diagnostic at Date.now()', s:found[0].lnum == s:identify && s:found[0].col == s:column,
  \ printf('%d:%d, want %d:%d', s:found[0].lnum, s:found[0].col, s:identify, s:column))
endif

" An edit, sent (as ALE does) as the whole text in didChange.
let s:track = search("name: 'signed_up', ", 'nw')
call setline(s:track, substitute(getline(s:track), "name: 'signed_up', ", "name: 'signed_up', timestamp: Date.now(), ", ''))
ALELint
call s:Check('diagnostics updated after an edit', s:Wait('len(s:TimestampFindings()) == 2'), string(s:TimestampFindings()))

" Hover over the identify call's Date.now().
call cursor(s:identify, s:column + 2)
call ale#hover#ShowAtCursor()
call s:Wait('g:e2e_hover =~# "millisecond-timestamp"')
call s:Check('hover explains the rule', g:e2e_hover =~# 'millisecond-timestamp' && g:e2e_hover =~# 'seconds', g:e2e_hover[:300])

" The quick fix through ALE's code action (ALECodeAction).
call cursor(s:identify, s:column + 2)
ALECodeAction
call s:Wait('getline(s:identify) =~# "Math.floor(Date.now() / 1000)"')
call s:Check('quick fix applied', getline(s:identify) =~# 'created_at: Math.floor(Date.now() / 1000)',
\ getline(s:identify) . ' | menu: ' . substitute(g:e2e_menu, "\n", ' / ', 'g'))
ALELint
call s:Check('fixed diagnostic gone, the other stays', s:Wait('len(s:TimestampFindings()) == 1'), string(s:TimestampFindings()))

set nomodified
call delete(s:work, 'rf')
call s:Finish()
