// Code 128 symbols drawn as vector bars into a PDF. bwip-js (a maintained barcode writer) encodes
// the text into bar and space widths (its `raw` output: a tenth of the time of rendering an image,
// which matters for 400 labels); pdfkit fills the bars as rectangles, sharp at any printer resolution.
import bwipjs from 'bwip-js';
import type { Doc } from '../checkins/posters.js';

export interface Code128Symbol {
  /** width of the symbol in modules (narrowest bar widths), without quiet zones */
  modules: number;
  /** bars as [left, width] in modules */
  bars: [number, number][];
}

/** The bars of `text` in Code 128 (bwip-js picks the code sets, e.g. C for runs of digits). */
export function code128(text: string): Code128Symbol {
  const [encoded] = bwipjs.raw('code128', text, {});
  if (!encoded || !('sbs' in encoded)) throw new Error(`bwip-js gave no bars for ${text}`);
  // sbs: widths of bar, space, bar, space … from the left
  const bars: [number, number][] = [];
  let x = 0;
  encoded.sbs.forEach((width, k) => {
    if (k % 2 === 0) bars.push([x, width]);
    x += width;
  });
  return { modules: x, bars };
}

/** Draws the symbol's bars in a box of `width` × `height` points at (x, y); the caller leaves the quiet zones. */
export function drawCode128(doc: Doc, symbol: Code128Symbol, x: number, y: number, width: number, height: number): void {
  const unit = width / symbol.modules;
  doc.save();
  for (const [left, bar] of symbol.bars) doc.rect(x + left * unit, y, bar * unit, height);
  doc.fill('#000000').restore();
}
