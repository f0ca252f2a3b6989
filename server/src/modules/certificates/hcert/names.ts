// Names in a DCC: as written (fn, gn) and transliterated for machines (fnt, gnt: ICAO 9303 letters
// A–Z with < between words). Vietnamese names lose their marks: "Nguyễn Thị Đào" → NGUYEN<THI<DAO.

const MAX = 80;
// letters that do not decompose into a base letter and marks (ICAO 9303 part 3, table of transliterations)
const SPECIAL: Record<string, string> = { Đ: 'D', đ: 'D', ß: 'SS', Æ: 'AE', æ: 'AE', Ø: 'OE', ø: 'OE', Œ: 'OE', œ: 'OE', Þ: 'TH', þ: 'TH' };

export function icaoTransliterate(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ĐđßÆæØøŒœÞþ]/g, (char) => SPECIAL[char] ?? char)
    .toUpperCase()
    .replace(/['’`.,]/g, '')
    .replace(/[\s\-‐]+/g, '<')
    .replace(/[^A-Z<]/g, '')
    .replace(/<+/g, '<')
    .replace(/^<|<$/g, '')
    .slice(0, MAX);
}
