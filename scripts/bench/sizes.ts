import { readFileSync } from "node:fs";
import { join } from "node:path";
import { constants, gzipSync } from "node:zlib";

export interface Size {
  raw: number;
  gzip: number;
}

export interface FileSize extends Size {
  file: string;
}

/** Level 9, so that sizes do not depend on a tool's default level. */
export function sizeOf(content: Uint8Array): Size {
  return {
    raw: content.byteLength,
    gzip: gzipSync(content, { level: constants.Z_BEST_COMPRESSION }).byteLength,
  };
}

export function total(sizes: readonly Size[]): Size {
  return sizes.reduce((sum, s) => ({ raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip }), { raw: 0, gzip: 0 });
}

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of tag.matchAll(/([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    const [, name, double, single, bare] = match;
    if (name) found.set(name.toLowerCase(), double ?? single ?? bare ?? "");
  }
  return found;
}

/** What the page loads before it runs: module entry scripts and their modulepreloads. */
export function initialScripts(html: string): string[] {
  const sources = new Set<string>();
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const attrs = attributes(tag.replace(/^<\w+|\/?>$/g, ""));
    if (/^<script/i.test(tag) && attrs.get("type") === "module" && attrs.get("src")) {
      sources.add(attrs.get("src") as string);
    } else if (/^<link/i.test(tag) && attrs.get("rel") === "modulepreload" && attrs.get("href")) {
      sources.add(attrs.get("href") as string);
    }
  }
  return [...sources];
}

/** Sizes of the initial JS of a Vite build (base "/"), read from its dist folder. */
export function initialJs(distDir: string): FileSize[] {
  const html = readFileSync(join(distDir, "index.html"), "utf8");
  const scripts = initialScripts(html);
  if (scripts.length === 0) throw new Error(`No module script in ${join(distDir, "index.html")}`);
  return scripts.map((src) => {
    if (/^(?:[a-z]+:)?\/\//i.test(src)) throw new Error(`External script in index.html: ${src}`);
    const file = src.replace(/^\//, "");
    return { file, ...sizeOf(readFileSync(join(distDir, file))) };
  });
}
