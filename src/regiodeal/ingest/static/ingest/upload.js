// An indeterminate progress bar while the server reads a large PDF.
document.getElementById("import-form").addEventListener("submit", function () {
  document.getElementById("import-progress").hidden = false;
});
