"""A per-glyph check that Arabic text in Plotly's SVG charts reads in the right order.

A reversed string looks as plausible as a correct one, so the check needs the *logical*
strings the figures were built with (`expected`). For every `<text>` (or `tspan.line`) of a
Plotly chart that contains Arabic, in a real browser:

1. it holds no Arabic presentation forms (U+FB50–FDFF, U+FE70–FEFF: pre-shaped text);
2. its text, bidi controls removed, is one of the expected logical strings (found exactly,
   or by the multiset of its characters when the browser changed nothing but order);
3. the order of its glyphs on screen (x centre of `getExtentOfChar`, right to left) is the
   order the same browser gives that logical string inside an HTML `<span dir="rtl">` set in
   the same font, which is how an Arabic reader expects it.

`check_plotly_rtl(page, expected)` returns one record per text line with `ok` and the
details; a test asserts every record is ok.
"""

from __future__ import annotations

_SCRIPT = r"""
([expected, selector]) => {
  const CONTROLS = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g;
  const SHAPED = /[\uFB50-\uFDFF\uFE70-\uFEFF]/;
  const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
  const fold = s => s.normalize('NFKC');
  const bag = s => [...fold(s.replace(CONTROLS, ''))].filter(c => c.trim()).sort().join('');
  const exact = new Set(expected);
  const byBag = new Map(expected.map(s => [bag(s), s]));
  // Characters (no spaces, no controls) in on-screen order, right to left.
  const onScreen = pairs => pairs
      .filter(([c]) => c.trim() && !c.match(CONTROLS))
      .sort((a, b) => b[1] - a[1]).map(([c]) => fold(c)).join('');
  const ref = document.createElement('span');
  ref.dir = 'rtl';
  ref.style.cssText = 'position:absolute;left:0;top:0;white-space:pre;visibility:hidden;' +
                      'unicode-bidi:isolate';
  document.body.appendChild(ref);
  const referenceOrder = (s, style) => {
    ref.style.fontFamily = style.fontFamily;
    ref.style.fontSize = style.fontSize;
    ref.style.fontWeight = style.fontWeight;
    ref.textContent = s;
    const node = ref.firstChild, range = document.createRange(), pairs = [];
    for (let i = 0; i < s.length; i++) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      const box = range.getBoundingClientRect();
      pairs.push([s[i], box.left + box.width / 2]);
    }
    return onScreen(pairs);
  };
  const records = [];
  for (const text of document.querySelectorAll(selector)) {
    if (!ARABIC.test(text.textContent)) continue;
    const lines = text.querySelectorAll(':scope > tspan.line');
    const segments = lines.length ? [...lines] : [text];
    const style = getComputedStyle(text);
    let offset = 0;
    for (const seg of segments) {
      const dom = seg.textContent;
      const pairs = [];
      for (let i = 0; i < dom.length; i++) {
        try {
          const box = text.getExtentOfChar(offset + i);
          pairs.push([dom[i], box.x + box.width / 2]);
        } catch (e) { pairs.push([dom[i], NaN]); }
      }
      offset += dom.length;
      if (!ARABIC.test(dom)) continue;
      const logical = dom.replace(CONTROLS, '');
      const want = exact.has(logical) ? logical : byBag.get(bag(dom));
      const rec = {
        chart: text.closest('[data-testid="stPlotlyChart"]') ? 'plotly' : 'other',
        cls: text.getAttribute('class') || text.parentNode.getAttribute('class'),
        dom, expected: want === undefined ? null : want,
        presentationForms: SHAPED.test(dom),
      };
      rec.logicalOk = want !== undefined && logical === want;
      rec.svgOrder = onScreen(pairs);
      rec.refOrder = want !== undefined ? referenceOrder(want, style) : null;
      rec.orderOk = want !== undefined && rec.svgOrder === rec.refOrder;
      rec.ok = !rec.presentationForms && rec.logicalOk && rec.orderOk;
      records.push(rec);
    }
  }
  ref.remove();
  return records;
}
"""


def check_plotly_rtl(page, expected, selector: str = ".js-plotly-plot svg text") -> list[dict]:
    """One record per Arabic-bearing SVG text line in every Plotly chart on `page`
    (a Playwright page); `expected` is an iterable of logical strings."""
    return page.evaluate(_SCRIPT, [sorted(set(expected)), selector])
