;;; emacs-drive.el --- drives eglot for test/clients/emacs.test.ts  -*- lexical-binding: t -*-

;; Run as `emacs --batch -Q -l emacs-drive.el'. It loads the README's set-up
;; snippet ($XLINT_EMACS_SETUP), visits the files of the plan so that the
;; snippet's mode, eglot-server-programs entry and eglot-ensure start and
;; attach the server, waits until flymake holds the awaited rule codes, and
;; writes what flymake shows as JSON lines on standard output (the test judges
;; them).  The plan comes as JSON in $XLINT_EMACS_PLAN:
;; {"open": [file, ...], "await": [{"file", "code"}, ...], "timeout_s": N}.

;;; Code:

(require 'json)
(require 'subr-x)

;; With -Q, packages installed by the system (Debian's elpa-eglot on Emacs 28)
;; are not activated: put them on the load path.  Emacs 29 has eglot built in.
(dolist (dir (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*"))
  (when (file-directory-p dir)
    (add-to-list 'load-path dir)))

(require 'eglot)
(require 'flymake)

(defun xlint-emit (record)
  "Write RECORD (an alist) as one JSON line on standard output."
  (princ (concat (json-encode record) "\n")))

(defun xlint-fail (message)
  "Report MESSAGE and leave Emacs with status 1."
  (xlint-emit `((kind . "error") (message . ,message)))
  (kill-emacs 1))

(defun xlint-position (pos)
  "The 1-based line and 0-based column of POS, as flymake shows them."
  (save-excursion
    (goto-char pos)
    (cons (line-number-at-pos pos) (current-column))))

(defun xlint-diagnostic-code (diagnostic)
  "The LSP code (the rule) eglot kept with DIAGNOSTIC."
  (plist-get (alist-get 'eglot-lsp-diag (flymake-diagnostic-data diagnostic)) :code))

(defvar xlint-workspace default-directory
  "The folder Emacs started in, which the scratch workspace is.")

(defun xlint-related (diagnostic)
  "The other places DIAGNOSTIC names (LSP's relatedInformation, kept by eglot)."
  (let ((spec (alist-get 'eglot-lsp-diag (flymake-diagnostic-data diagnostic))))
    (vconcat
     (mapcar (lambda (info)
               (let* ((location (plist-get info :location))
                      (start (plist-get (plist-get location :range) :start)))
                 `((file . ,(file-relative-name (eglot--uri-to-path (plist-get location :uri)) xlint-workspace))
                   (line . ,(plist-get start :line))
                   (character . ,(plist-get start :character)))))
             (plist-get spec :relatedInformation)))))

(defun xlint-has-code (buffer code)
  "Whether flymake shows a diagnostic with CODE in BUFFER."
  (with-current-buffer buffer
    (seq-some (lambda (d) (equal (xlint-diagnostic-code d) code)) (flymake-diagnostics))))

(condition-case err
    (let* ((plan (json-read-from-string (getenv "XLINT_EMACS_PLAN")))
           (files (append (alist-get 'open plan) nil))
           (awaited (append (alist-get 'await plan) nil))
           (deadline (+ (float-time) (alist-get 'timeout_s plan)))
           (buffers nil))
      (load (getenv "XLINT_EMACS_SETUP") nil t)
      (dolist (file files)
        (let ((buffer (find-file-noselect (expand-file-name file))))
          (with-current-buffer buffer
            ;; eglot-ensure connects when the command that visited the file
            ;; ends; batch mode runs no commands, so end one here.
            (run-hooks 'post-command-hook))
          (push (cons file buffer) buffers)))
      (setq buffers (nreverse buffers))
      (while (not (seq-every-p (lambda (want)
                                 (xlint-has-code (alist-get (alist-get 'file want) buffers nil nil #'equal)
                                                 (alist-get 'code want)))
                               awaited))
        (when (> (float-time) deadline)
          (xlint-fail (format "no %S diagnostics in time" awaited)))
        (accept-process-output nil 0.2)
        ;; Flymake asks its backends on idle timers, which batch mode never
        ;; fires; ask eglot's backend directly.
        (dolist (entry buffers)
          (with-current-buffer (cdr entry)
            (when (bound-and-true-p flymake-mode)
              (flymake-start)))))
      (dolist (entry buffers)
        (with-current-buffer (cdr entry)
          (xlint-emit `((kind . "attached")
                        (file . ,(car entry))
                        (mode . ,(symbol-name major-mode))
                        (server . ,(when-let ((server (eglot-current-server)))
                                     (plist-get (eglot--server-info server) :name)))))
          (dolist (d (flymake-diagnostics))
            (let ((start (xlint-position (flymake-diagnostic-beg d)))
                  (end (xlint-position (flymake-diagnostic-end d))))
              (xlint-emit `((kind . "diagnostic")
                            (file . ,(car entry))
                            (line . ,(car start))
                            (column . ,(cdr start))
                            (end_line . ,(car end))
                            (end_column . ,(cdr end))
                            (type . ,(symbol-name (flymake-diagnostic-type d)))
                            (code . ,(xlint-diagnostic-code d))
                            (related . ,(xlint-related d))
                            (text . ,(flymake-diagnostic-text d))))))))
      (let ((count 0))
        (maphash (lambda (_project servers) (setq count (+ count (length servers)))) eglot--servers-by-project)
        (xlint-emit `((kind . "servers") (count . ,count))))
      (xlint-emit '((kind . "done")))
      (kill-emacs 0))
  (error (xlint-fail (error-message-string err))))

;;; emacs-drive.el ends here
