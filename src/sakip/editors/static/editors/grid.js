// Keyboard help for editor grids: Enter moves to the same column of the next row (as in a
// spreadsheet), Shift+Enter to the previous one; Tab keeps its usual meaning. No build step.
document.addEventListener("keydown", function (event) {
  if (event.key !== "Enter") return;
  var input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.dataset.col) return;
  var grid = input.closest("[data-grid]");
  if (!grid) return;
  event.preventDefault();
  input.dispatchEvent(new Event("change", { bubbles: true }));
  var cells = Array.prototype.slice.call(grid.querySelectorAll("input[data-col]"));
  var same = cells.filter(function (c) { return c.dataset.col === input.dataset.col; });
  var at = same.indexOf(input);
  var next = same[at + (event.shiftKey ? -1 : 1)];
  if (next) { next.focus(); next.select(); }
});
