-- A minimal Neovim set-up that starts `storybible lsp` for Fountain files and writes the diagnostics
-- the editor shows to $STORYBIBLE_NVIM_OUT, then quits. tests/test_nvim.py runs it headless:
--   STORYBIBLE_NVIM_OUT=out.txt STORYBIBLE_LSP_CMD='["storybible", "lsp"]' nvim --headless -u scripts/nvim_lsp_test.lua draft.fountain
-- The README shows the set-up for everyday use.
local out = os.getenv("STORYBIBLE_NVIM_OUT") or "storybible-diagnostics.txt"
local cmd = vim.fn.json_decode(os.getenv("STORYBIBLE_LSP_CMD") or '["storybible", "lsp"]')

vim.cmd("autocmd BufNewFile,BufRead *.fountain setfiletype fountain")

local function start()
  local config = { name = "storybible", cmd = cmd, root_dir = vim.fn.expand("%:p:h") }
  if vim.lsp.start then -- Neovim 0.8 and later
    vim.lsp.start(config)
  else
    vim.lsp.buf_attach_client(0, vim.lsp.start_client(config))
  end
end
vim.api.nvim_create_autocmd("FileType", { pattern = "fountain", callback = start })

local shown = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
  shown(err, result, ctx, config)
  if result == nil or result.uri ~= vim.uri_from_bufnr(0) or #result.diagnostics == 0 then
    return
  end
  local lines = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local lsp = (d.user_data and d.user_data.lsp) or {}
    local severity = ({ "E", "W", "I", "H" })[d.severity] or "?"
    table.insert(lines, string.format("%s:%d:%d: %s %s %s", vim.fn.expand("%:t"), d.lnum + 1, d.col + 1,
      severity, d.code or lsp.code or "", d.message))
  end
  vim.fn.writefile(lines, out)
  vim.schedule(function() vim.cmd("qall!") end)
end

vim.defer_fn(function()
  vim.fn.writefile({ "no diagnostics within 60 s" }, out)
  vim.cmd("cquit 3")
end, 60000)
