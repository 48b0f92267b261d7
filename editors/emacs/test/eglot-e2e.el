;;; eglot-e2e.el --- End-to-end check of cio-lint under Emacs + Eglot  -*- lexical-binding: t; -*-

;; emacs --batch -Q -l editors/emacs/test/eglot-e2e.el
;;
;; Environment: CIO_LINT_BIN (default target/release/cio-lint), CIO_LINT_E2E_TIMEOUT
;; (milliseconds per wait, default 15000).  Works on a copy of examples/express-app, configures
;; Eglot exactly as editors/README.md says, and prints PASS/FAIL per check and
;; "N passed, M failed"; exits 1 when anything failed.
;;
;; Eglot sends didChange from an idle timer, and idle timers never fire in batch mode:
;; after an edit the test calls `eglot--signal-textDocument/didChange' itself (an
;; interactive Emacs sends it 0.5 s after typing stops).

;;; Code:

(require 'package)
(setq package-directory-list '("/usr/share/emacs/site-lisp/elpa"))
(package-initialize)
(require 'eglot)
(require 'cl-lib)

(defvar e2e-passed 0)
(defvar e2e-failed 0)
(defvar e2e-here (file-name-directory (or load-file-name buffer-file-name)))
(defvar e2e-repo (expand-file-name "../../.." e2e-here))
(defvar e2e-binary (or (getenv "CIO_LINT_BIN")
                       (expand-file-name "target/release/cio-lint" e2e-repo)))
(defvar e2e-timeout (/ (string-to-number (or (getenv "CIO_LINT_E2E_TIMEOUT") "15000")) 1000.0)
  "Seconds to wait for each server answer (CIO_LINT_E2E_TIMEOUT is in milliseconds).")

(defun e2e-out (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n")))

(defun e2e-check (name ok &optional detail)
  (if ok
      (progn (cl-incf e2e-passed) (e2e-out "PASS %s" name))
    (cl-incf e2e-failed)
    (e2e-out "FAIL %s%s" name (if detail (format ": %s" detail) "")))
  ok)

(defun e2e-finish ()
  (ignore-errors (eglot-shutdown-all))
  (e2e-out "emacs-eglot: %d passed, %d failed" e2e-passed e2e-failed)
  (kill-emacs (if (zerop e2e-failed) 0 1)))

(defun e2e-wait (pred)
  "Process server output until PRED is true or the timeout passes; PRED's value."
  (let ((deadline (+ (float-time) e2e-timeout)) value)
    (while (and (not (setq value (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

(defun e2e-timestamp-diagnostics ()
  "The millisecond-timestamp Flymake diagnostics of the current buffer, by position."
  (sort (cl-remove-if-not
         (lambda (d) (string-match-p "millisecond-timestamp" (format "%s" (flymake-diagnostic-text d))))
         (flymake-diagnostics))
        (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))

(e2e-out "%s, %s" (emacs-version) (locate-library "eglot"))
(unless (file-executable-p e2e-binary)
  (e2e-check "binary" nil (format "%s is not executable" e2e-binary))
  (e2e-finish))

;; The configuration editors/README.md documents.
(add-to-list 'eglot-server-programs
             `((typescript-mode typescript-ts-mode tsx-ts-mode js-mode js-ts-mode)
               . (,e2e-binary "lsp" :initializationOptions (:pullDiagnostics :json-false))))
;; Emacs 28 has no TypeScript mode of its own: js-mode stands in for it here.
(add-to-list 'auto-mode-alist '("\\.ts\\'" . js-mode))

(setq eglot-sync-connect t
      eglot-autoshutdown t
      eglot-events-buffer-size 0)

(let* ((work (make-temp-file "cio-lint-eglot" t))
       (file (expand-file-name "src/routes/signup.ts" work)))
  (copy-directory (expand-file-name "examples/express-app" e2e-repo) work nil t t)
  ;; A project root for Eglot (project.el looks for a VCS root).
  (make-directory (expand-file-name ".git" work))
  (find-file file)
  (e2e-check "major mode" (derived-mode-p 'js-mode) (format "%s" major-mode))
  (condition-case err
      (eglot-ensure)
    (error (e2e-check "eglot-ensure" nil (error-message-string err))))
  ;; eglot-ensure connects from `post-command-hook', which batch mode never runs:
  ;; connect with the contact Eglot guesses from `eglot-server-programs', as M-x eglot.
  (unless (eglot-current-server)
    (apply #'eglot (eglot--guess-contact)))
  (unless (e2e-check "server connected" (e2e-wait #'eglot-current-server))
    (e2e-finish))

  ;; 1. Diagnostics on open.
  (goto-char (point-min))
  (search-forward "created_at: Date.now()")
  (let* ((identify-beg (- (point) (length "Date.now()")))
         (diags (and (e2e-wait (lambda () (e2e-timestamp-diagnostics)))
                     (e2e-timestamp-diagnostics))))
    (e2e-check "diagnostic on open" (= (length diags) 1) (format "%S" (flymake-diagnostics)))
    (when diags
      (e2e-check "diagnostic range is Date.now()"
                 (and (= (flymake-diagnostic-beg (car diags)) identify-beg)
                      (= (flymake-diagnostic-end (car diags)) (+ identify-beg 10)))
                 (format "%s-%s, want %s" (flymake-diagnostic-beg (car diags))
                         (flymake-diagnostic-end (car diags)) identify-beg)))

    ;; 2. An incremental edit, flushed by hand (no idle timers in batch mode).
    (goto-char (point-min))
    (search-forward "name: 'signed_up', ")
    (insert "timestamp: Date.now(), ")
    (setq identify-beg (+ identify-beg (length "timestamp: Date.now(), ")))
    (let ((sent (copy-tree eglot--recent-changes)))
      (e2e-check "edit recorded as a ranged change"
                 (and (consp sent) (not (eq sent :emacs-messup)))
                 (format "%S" sent)))
    (eglot--signal-textDocument/didChange)
    (e2e-wait (lambda () (= (length (e2e-timestamp-diagnostics)) 2)))
    (e2e-check "diagnostics updated after the edit"
               (= (length (e2e-timestamp-diagnostics)) 2)
               (format "%S" (flymake-diagnostics)))

    ;; 3. Hover.
    (goto-char (+ identify-beg 2))
    (let* ((hover (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                   (eglot--TextDocumentPositionParams)))
           (text (format "%s" (plist-get (plist-get hover :contents) :value))))
      (e2e-check "hover explains the rule"
                 (and (string-match-p "millisecond-timestamp" text)
                      (string-match-p "seconds" text))
                 (substring text 0 (min 300 (length text)))))

    ;; 4. The quick fix, applied the way `eglot-code-actions' applies the one chosen.
    (let* ((actions (eglot-code-actions identify-beg (+ identify-beg 10) "quickfix"))
           ;; The fix, not "Ignore … on this line": the action whose edit writes Math.floor.
           (fix (cl-find-if
                 (lambda (a) (string-match-p "Math\\.floor" (format "%S" (plist-get a :edit))))
                 actions)))
      (e2e-check "quick fix offered" fix (format "%S" (mapcar (lambda (a) (plist-get a :title)) actions)))
      (when fix
        (eglot--apply-workspace-edit (plist-get fix :edit))
        (eglot--signal-textDocument/didChange)
        (e2e-check "quick fix applied"
                   (save-excursion
                     (goto-char (point-min))
                     (search-forward "created_at: Math.floor(Date.now() / 1000)" nil t)))
        (e2e-wait (lambda () (= (length (e2e-timestamp-diagnostics)) 1)))
        (e2e-check "fixed diagnostic gone, the other stays"
                   (= (length (e2e-timestamp-diagnostics)) 1)
                   (format "%S" (flymake-diagnostics))))))
  (set-buffer-modified-p nil)
  (delete-directory work t))

(e2e-finish)

;;; eglot-e2e.el ends here
