// "#char=START,END" marks exactly that span of the source (offsets in characters of the original
// file) and scrolls to it.
(function () {
  const escape = (text) => text.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" }[c]));

  function clear() {
    document.querySelectorAll("#source mark.target").forEach((mark) => {
      const span = mark.parentNode;
      span.textContent = span.textContent;  // back to plain text
    });
  }

  function mark() {
    clear();
    const match = /^#char=(\d+),(\d+)$/.exec(window.location.hash);
    if (!match) return;
    const start = Number(match[1]), end = Number(match[2]);
    let first = null;
    document.querySelectorAll("#source span[data-start]").forEach((span) => {
      const s = Number(span.dataset.start), e = Number(span.dataset.end);
      if (s >= end || e <= start) return;
      const chars = Array.from(span.textContent);  // code points, as the offsets count them
      const a = Math.max(start, s) - s, b = Math.min(end, e) - s;
      span.innerHTML = escape(chars.slice(0, a).join("")) + '<mark class="target">' +
        escape(chars.slice(a, b).join("")) + "</mark>" + escape(chars.slice(b).join(""));
      first = first || span.querySelector("mark");
    });
    if (first) first.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", mark);
  mark();
})();
