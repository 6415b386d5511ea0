-- Drives Neovim's own LSP client for test/clients/neovim.test.ts. The README's
-- set-up snippet has been sourced before this runs; this script only opens the
-- files (so the snippet's autocmd starts and attaches the server), waits for
-- the diagnostics, asks for a hover and a completion, and writes what Neovim
-- holds as JSON lines on standard output (the test judges them).
-- The plan comes as JSON in $XLINT_NVIM_PLAN: { open = { file, ... },
-- await = { { file, code }, ... }, hover = { file, line, character },
-- completion = { file, line, character }, timeout_ms }.
local plan = vim.fn.json_decode(os.getenv("XLINT_NVIM_PLAN"))

local function emit(record)
  io.stdout:write(vim.fn.json_encode(record), "\n")
end

local function fail(message)
  emit({ kind = "error", message = message })
  vim.cmd("cquit 1")
end

-- Keep every buffer loaded, hence open for the server, while the next one is
-- edited (Neovim 0.7 unloads an abandoned buffer, which closes the document).
vim.o.hidden = true

local buffers = {}
for _, file in ipairs(plan.open) do
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  buffers[file] = vim.api.nvim_get_current_buf()
end

local function has_code(buf, code)
  for _, diagnostic in ipairs(vim.diagnostic.get(buf)) do
    if diagnostic.code == code then
      return true
    end
  end
  return false
end

-- The other places a diagnostic names (LSP's relatedInformation, which Neovim
-- keeps as it came), by path relative to the workspace (the current directory).
local function related_of(diagnostic)
  local lsp = diagnostic.user_data and diagnostic.user_data.lsp or {}
  local places = {}
  for _, info in ipairs(lsp.relatedInformation or {}) do
    table.insert(places, {
      file = vim.fn.fnamemodify(vim.uri_to_fname(info.location.uri), ":."),
      line = info.location.range.start.line,
      character = info.location.range.start.character,
    })
  end
  return places
end

local function emit_diagnostics()
  for _, file in ipairs(plan.open) do
    for _, d in ipairs(vim.diagnostic.get(buffers[file])) do
      emit({
        kind = "diagnostic",
        file = file,
        line = d.lnum,
        col = d.col,
        end_line = d.end_lnum,
        end_col = d.end_col,
        severity = d.severity,
        code = d.code,
        source = d.source,
        message = d.message,
        related = related_of(d),
      })
    end
  end
end

local ready = vim.wait(plan.timeout_ms, function()
  for _, want in ipairs(plan.await) do
    if not has_code(buffers[want.file], want.code) then
      return false
    end
  end
  return true
end, 50)
if not ready then
  emit_diagnostics()
  fail("no " .. vim.fn.json_encode(plan.await) .. " diagnostics within " .. plan.timeout_ms .. " ms")
end

for _, file in ipairs(plan.open) do
  local names = {}
  for _, client in pairs(vim.lsp.buf_get_clients(buffers[file])) do
    table.insert(names, client.name)
  end
  emit({ kind = "attached", file = file, clients = names })
end
emit_diagnostics()

-- The one answer of the one client attached to the spot's buffer.
local function request(method, spot)
  local buf = buffers[spot.file]
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = spot.line, character = spot.character },
  }
  local responses, err = vim.lsp.buf_request_sync(buf, method, params, plan.timeout_ms)
  if responses == nil then
    fail(method .. ": " .. tostring(err))
  end
  for _, response in pairs(responses) do
    if response.error ~= nil then
      fail(method .. ": " .. vim.fn.json_encode(response.error))
    end
    return response.result
  end
  fail(method .. ": no client answered")
end

local hover = request("textDocument/hover", plan.hover)
emit({ kind = "hover", contents = hover ~= nil and hover.contents or vim.NIL })

local completion = request("textDocument/completion", plan.completion)
local items = completion ~= nil and (completion.items or completion) or {}
local labels = {}
for _, item in ipairs(items) do
  table.insert(labels, item.label)
end
emit({ kind = "completion", labels = labels })

emit({ kind = "done" })
vim.cmd("qall!")
