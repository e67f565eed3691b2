// Diacritic-insensitive matching: "Lo Minh Hung" finds "Lò Minh Hùng".
// NFD splits a letter from its marks; đ has no decomposition, so map it first.
function dvkgFold(text) {
  return String(text)
    .replace(/đ/g, "d").replace(/Đ/g, "D")
    .normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}
if (typeof module !== "undefined") { module.exports = dvkgFold; }  // for the node test
