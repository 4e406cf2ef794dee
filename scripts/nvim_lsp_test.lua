-- A minimal Neovim set-up that starts `storybible lsp` for Fountain files and bible.yaml, then drives it
-- as a writer would and writes what the editor received to $STORYBIBLE_NVIM_OUT: the diagnostics of the
-- script, a references request, a quick fix that opens bible.yaml, and the diagnostics after it.
-- tests/test_nvim.py runs it headless (Neovim 0.7 and later):
--   STORYBIBLE_NVIM_OUT=out.txt STORYBIBLE_LSP_CMD='["storybible", "lsp"]' nvim --headless -u scripts/nvim_lsp_test.lua draft.fountain
-- The README shows the set-up for everyday use.
local out = os.getenv("STORYBIBLE_NVIM_OUT") or "storybible-nvim.txt"
local cmd = vim.fn.json_decode(os.getenv("STORYBIBLE_LSP_CMD") or '["storybible", "lsp"]')
local written = {}

vim.cmd("autocmd BufNewFile,BufRead *.fountain setfiletype fountain")

local client_id
local function attach(bufnr)
  local config = { name = "storybible", cmd = cmd, root_dir = vim.fn.getcwd() }
  if vim.lsp.start then -- Neovim 0.8 and later: the buffer the event is about, not the current one
    client_id = vim.lsp.start(config, { bufnr = bufnr })
  else
    client_id = client_id or vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
end

vim.api.nvim_create_autocmd("FileType", {
  pattern = { "fountain", "yaml" },
  callback = function(args)
    if args.match == "yaml" and vim.fn.fnamemodify(args.file, ":t") ~= "bible.yaml" then return end
    attach(args.buf)
  end,
})

local function emit(line) table.insert(written, line) end

local function finish(status)
  vim.fn.writefile(written, out)
  vim.cmd(status == 0 and "qall!" or ("cquit " .. status))
end

local function codes(bufnr)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data and d.user_data.lsp) or {}
    table.insert(found, d.code or lsp.code or "")
  end
  table.sort(found)
  return table.concat(found, " ")
end

local function show_diagnostics(bufnr)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data and d.user_data.lsp) or {}
    local severity = ({ "E", "W", "I", "H" })[d.severity] or "?"
    emit(string.format("%s:%d:%d: %s %s %s", vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ":t"),
      d.lnum + 1, d.col + 1, severity, d.code or lsp.code or "", d.message))
  end
end

local function request(bufnr, method, params)
  local answers = vim.lsp.buf_request_sync(bufnr, method, params, 30000) or {}
  for _, answer in pairs(answers) do
    if answer.result then return answer.result end
  end
  return {}
end

local function references(draft)
  local found = request(draft, "textDocument/references", {
    textDocument = { uri = vim.uri_from_bufnr(draft) }, position = { line = 8, character = 1 },
    context = { includeDeclaration = true } })
  for _, place in ipairs(found) do
    emit(string.format("reference %s:%d", vim.fn.fnamemodify(vim.uri_to_fname(place.uri), ":t"),
      place.range.start.line + 1))
  end
end

local function quick_fix(draft)
  local misspelt
  for _, d in ipairs(vim.diagnostic.get(draft)) do
    local lsp = (d.user_data and d.user_data.lsp) or {}
    if (d.code or lsp.code) == "CB102" then misspelt = d end
  end
  local lsp = misspelt.user_data.lsp
  local diagnostic = { range = { start = { line = misspelt.lnum, character = misspelt.col },
    ["end"] = { line = misspelt.end_lnum, character = misspelt.end_col } }, message = misspelt.message,
    code = misspelt.code or lsp.code, source = misspelt.source, severity = misspelt.severity, data = lsp.data }
  local actions = request(draft, "textDocument/codeAction", { textDocument = { uri = vim.uri_from_bufnr(draft) },
    range = diagnostic.range, context = { diagnostics = { diagnostic } } })
  for _, action in ipairs(actions) do
    emit("action " .. action.title)
  end
  for _, action in ipairs(actions) do
    if action.title:find("as an alias") then
      vim.lsp.util.apply_workspace_edit(action.edit, vim.lsp.get_client_by_id(client_id).offset_encoding)
      return true
    end
  end
  return false
end

local function run()
  local draft = vim.api.nvim_get_current_buf()
  if not vim.wait(60000, function() return #vim.diagnostic.get(draft) >= 3 end, 50) then
    emit("no diagnostics within 60 s")
    return finish(3)
  end
  show_diagnostics(draft)
  references(draft)
  if not quick_fix(draft) then return finish(4) end
  local bible = vim.fn.bufnr("bible.yaml")
  local attached = vim.lsp.buf_is_attached and vim.lsp.buf_is_attached(bible, client_id)
  emit("bible.yaml attached: " .. tostring(attached))
  vim.wait(30000, function() return not codes(draft):find("CB102") end, 50)
  emit("after the fix: " .. codes(draft))
  finish(0)
end

vim.api.nvim_create_autocmd("VimEnter", { callback = function() vim.defer_fn(run, 10) end })
vim.defer_fn(function()
  emit("no end within 120 s")
  finish(5)
end, 120000)
