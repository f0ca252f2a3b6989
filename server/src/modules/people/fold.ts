/**
 * Folds a Vietnamese name for search and comparison: lower case, tone and vowel marks removed,
 * đ → d, runs of white space collapsed. "  Nguyễn   Văn ĐỨC " → "nguyen van duc".
 */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
