/**
 * Decoding what French spreadsheets save: UTF-8 with or without a BOM, UTF-16 LE with a BOM (Excel's
 * "Texte Unicode"), or Windows-1252 (Excel's "CSV (séparateur : point-virgule)" on a French Windows).
 * A byte sequence that is not valid UTF-8 is Windows-1252: every byte decodes there, and a real UTF-8
 * file of French text is never valid Windows-1252 by accident in a way that matters (é is C3 A9 → "Ã©").
 */
export type Encoding = "utf-8" | "utf-16le" | "windows-1252";

export function decode(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
  }
}

/**
 * Windows-1252 by hand: Node's `TextDecoder("windows-1252")` decodes 0x80–0x9F as ISO-8859-1 control
 * characters (so the apostrophe ’ of French Excel, 0x92, became U+0092). Five bytes are undefined in
 * Windows-1252 and stay as their code points, as the WHATWG decoder does.
 */
const HIGH = "€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ";
const HIGH_CHARS = [...HIGH];

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...chunk).replace(
      /[\x80-\x9f]/g,
      (ch) => HIGH_CHARS[ch.charCodeAt(0) - 0x80] ?? ch,
    );
  }
  return out;
}

/** Lower case, no accents, single spaces: how headers and choice labels are compared. */
export function normalize(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\s\u00a0\u202f]+/g, " ")
    .trim();
}
