// The underline layer of the compose box, as a pure function (tested in
// tests/www/run.mjs with spans the engine does not produce today). Moving the
// spans while the user types is web/spans.mjs, shared with the extension.
//
// highlight() builds the backdrop's content: the post's text as text nodes
// (never HTML) with a <mark> around each finding's span. Spans are UTF-16
// offsets, i.e. JS string indices. Spans that contain one another nest; a span
// that partly overlaps an open one is split at the open one's end, so that
// every <mark> covers exactly its own part of the text and the marks of one
// finding, in document order, cover exactly its span.

// Returns a DocumentFragment for `text` with marks for `findings`
// ({start, end, severity, category}); `active` is the index of the selected finding.
export function highlight(doc, text, findings, active = -1) {
  const frag = doc.createDocumentFragment();
  const items = [];
  findings.forEach((f, i) => {
    const start = clamp(f.start, 0, text.length);
    const end = clamp(f.end, start, text.length);
    items.push({ start, end, i });
  });
  const order = (a, b) => a.start - b.start || b.end - a.end || a.i - b.i;
  items.sort(order);

  const stack = []; // open marks: { node, end }
  let pos = 0;
  const top = () => (stack.length ? stack[stack.length - 1].node : frag);
  const emitTo = (x) => {
    if (x > pos) { top().append(doc.createTextNode(text.slice(pos, x))); pos = x; }
  };
  const closeUpTo = (x) => {
    while (stack.length && stack[stack.length - 1].end <= x) {
      emitTo(stack[stack.length - 1].end);
      stack.pop();
    }
  };

  while (items.length) {
    const item = items.shift();
    closeUpTo(item.start);
    emitTo(item.start);
    const open = stack.length ? stack[stack.length - 1] : null;
    if (open && item.end > open.end) {
      // Partial overlap: keep the part inside the open mark, queue the rest.
      const rest = { start: open.end, end: item.end, i: item.i };
      item.end = open.end;
      let k = 0;
      while (k < items.length && order(items[k], rest) <= 0) k++;
      items.splice(k, 0, rest);
    }
    const f = findings[item.i];
    const m = doc.createElement('mark');
    m.className = `sev-${f.severity}${item.i === active ? ' active' : ''}${item.start === item.end ? ' point' : ''}`;
    m.dataset.finding = String(item.i);
    m.dataset.category = f.category;
    m.dataset.start = String(item.start);
    m.dataset.end = String(item.end);
    top().append(m);
    if (item.end > item.start) stack.push({ node: m, end: item.end });
  }
  closeUpTo(Infinity);
  emitTo(text.length);
  // A trailing newline in a textarea still takes a line; give the backdrop one too.
  frag.append(doc.createTextNode('\u200b'));
  return frag;
}

function clamp(n, lo, hi) {
  const v = Number.isFinite(n) ? n : lo;
  return Math.max(lo, Math.min(hi, v));
}
