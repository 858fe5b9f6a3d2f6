// el(): builds an element with text only, never HTML. Used by the demo page,
// the extension's pages and the content scripts' card.
//
//   el('button', { class: 'fix', type: 'button', text: 'Add', onclick: fn }, child, [more, children])
//
// props: `class` sets className, `text` the text content, `on<event>` adds a
// listener; everything else is an attribute (`true` → present and empty;
// null, undefined and false → left out). Children may be nodes, strings
// (text nodes) or arrays of them; null, undefined and false are skipped.
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v == null || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) append(node, c);
    else node.append(c);
  }
}
