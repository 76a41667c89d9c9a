import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import * as Local from "@maillage/core/local";
import * as Seed from "@maillage/core/seed";
import { type Config, loadConfig } from "@maillage/functions";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterEach, expect } from "vitest";
import { createLocalServer, listen } from "../functions/src/node";

const root = resolve(import.meta.dirname, "..");
export const artifacts = join(root, "e2e", "artifacts");

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

/** The demo people, by the name the sign-in page shows. */
export const PEOPLE = {
  operator: "Olivia Opératrice",
  lead: "Camille Cheffe de projet",
  linkWorker: "Samir Agent de liaison",
  federation: "Françoise Fédération",
  funder: "Farid Financeur",
  ruralLead: "Rose Cheffe de projet rurale",
} as const;

export interface Harness {
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context (its own cookies) with a page that records console errors. */
  open(): Promise<TestPage>;
  stop(): Promise<void>;
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and CSP violations seen so far. */
  errors: string[];
  /** The errors, minus the browser's own report of API answers the test expects (e.g. 409). */
  unexpectedErrors(expectedStatuses?: number[]): string[];
}

/**
 * The product as a person meets it: DynamoDB Local in memory, the demo seed, the API and the built
 * console served by the local server on a free port, and Debian's Chromium.
 */
export async function startHarness(overrides: Partial<Config> = {}): Promise<Harness> {
  const dist = join(root, "web", "dist");
  if (!existsSync(join(dist, "index.html"))) {
    throw new Error("The console is not built: run `npm run build -w web` first (npm run test:e2e does)");
  }
  Local.useLocalAwsEnvironment();
  const store = await Local.start();
  const table = "maillage-e2e";
  await Local.ensureTable(store.endpoint, table);
  const port = await Local.freePort();
  const baseUrl = `http://localhost:${port}`;
  process.env.DYNAMODB_ENDPOINT = store.endpoint;
  process.env.MAILLAGE_TABLE = table;
  process.env.MAILLAGE_SESSION_SECRET = "e2e-session-secret-0123456789-abcdefghijkl";
  process.env.MAILLAGE_PUBLIC_URL = baseUrl;
  // The synthetic cohort takes seconds to write and no browser test reads it (journey tests record
  // their own): `MAILLAGE_E2E_COHORT=1` seeds it anyway.
  await Seed.demo({ journeys: process.env.MAILLAGE_E2E_COHORT === "1" });

  const serverErrors: string[] = [];
  const config: Config = {
    ...loadConfig(),
    ...overrides,
    log: (line: Record<string, unknown>) => {
      if (line.level === "error") serverErrors.push(JSON.stringify(line));
    },
  };
  const server = await listen(createLocalServer(config, dist), port, "localhost");
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  mkdirSync(artifacts, { recursive: true });

  return {
    baseUrl,
    browser,
    async open() {
      const context = await browser.newContext({ baseURL: baseUrl, locale: "fr-FR" });
      const page = await context.newPage();
      watchAccessibility(page, baseUrl);
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
      // Chromium reports CSP violations in the console too; this makes them explicit.
      await page.addInitScript({
        content: `document.addEventListener("securitypolicyviolation", (event) =>
          console.error("CSP violation: " + event.violatedDirective + " " + event.blockedURI));`,
      });
      return {
        context,
        page,
        errors,
        unexpectedErrors(expectedStatuses = []) {
          return [...errors, ...serverErrors].filter(
            (error) =>
              !expectedStatuses.some((status) =>
                error.startsWith(`Failed to load resource: the server responded with a status of ${status}`),
              ),
          );
        },
      };
    },
    async stop() {
      await browser.close();
      server.close();
      await store.stop();
    },
  };
}

/** Signs in through the demo sign-in page, as a person would. */
export async function signIn(page: Page, name: string): Promise<void> {
  await page.goto("/connexion");
  await page.getByRole("button", { name: new RegExp(name) }).click();
  await page.waitForURL((url) => url.pathname !== "/connexion");
}

/** An attribute of the element that has the focus (null when none has it). */
export async function focused(page: Page, attribute: string): Promise<string | null> {
  const element = page.locator(":focus");
  return (await element.count()) === 1 ? element.getAttribute(attribute) : null;
}

/** The page's h1 text, once it names something (not the loading placeholder). */
export async function heading(page: Page): Promise<string> {
  const h1 = page.locator("main h1");
  await h1.waitFor();
  return (await h1.textContent())?.trim() ?? "";
}

const normalise = (text: string | null) => (text ?? "").replace(/\s+/g, " ").trim();

/**
 * Retrying assertions on a locator, as @playwright/test's `expect(locator)` (which playwright-core
 * does not have): each one polls the page until it holds or its time is up, so that a test says what
 * it waits for instead of sleeping. Texts are compared with their white space collapsed.
 */
export function expectLocator(locator: Locator, { timeout = 10_000 }: { timeout?: number } = {}) {
  const poll = <T>(read: () => Promise<T>, message: string) =>
    expect.poll(read, { timeout, interval: 100, message: `${locator}: ${message}` });
  const matches = (actual: string, expected: string | RegExp, whole: boolean) =>
    typeof expected === "string"
      ? whole
        ? actual === expected
        : actual.includes(expected)
      : expected.test(actual);
  return {
    async toHaveText(expected: string | RegExp) {
      await poll(async () => normalise(await locator.textContent()), `text ${expected}`).toSatisfy(
        (actual: string) => matches(actual, expected, true),
      );
    },
    async toContainText(expected: string | RegExp) {
      await poll(async () => normalise(await locator.textContent()), `text containing ${expected}`).toSatisfy(
        (actual: string) => matches(actual, expected, false),
      );
    },
    /** The texts of every element the locator matches, in order. */
    async toHaveTexts(expected: (string | RegExp)[]) {
      await poll(async () => (await locator.allTextContents()).map(normalise), `texts ${expected}`).toSatisfy(
        (actual: string[]) =>
          actual.length === expected.length &&
          actual.every((text, i) => matches(text, expected[i] ?? "", true)),
      );
    },
    async toHaveCount(expected: number) {
      await poll(() => locator.count(), `count ${expected}`).toBe(expected);
    },
    async toHaveValue(expected: string) {
      await poll(() => locator.inputValue(), `value ${expected}`).toBe(expected);
    },
    async toHaveAttribute(name: string, expected: string | null) {
      await poll(() => locator.getAttribute(name), `attribute ${name}=${expected}`).toBe(expected);
    },
    async toBeVisible() {
      await poll(() => locator.isVisible(), "visible").toBe(true);
    },
    async toBeFocused() {
      await poll(
        () =>
          locator.evaluate(
            (element: { ownerDocument: { activeElement: unknown } }) =>
              element === element.ownerDocument.activeElement,
          ),
        "focused",
      ).toBe(true);
    },
  };
}

/** The width the page needs: more than the viewport's means a horizontal scroll bar. */
export function pageWidth(page: Page): Promise<number> {
  return page.evaluate<number>("document.scrollingElement.scrollWidth");
}

// --- Accessibility: axe-core on every page state the tests reach -------------------------------------

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** What fails a test: WCAG 2.1 A/AA rules and axe's best practices, at these impacts. */
const FAILING_IMPACTS = new Set(["serious", "critical"]);

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  targets: string[];
}

interface AxeCheck {
  url: string;
  violations: AxeViolation[];
}

/**
 * Runs axe-core in the page as it is now and returns its serious and critical violations. axe is
 * evaluated through the DevTools protocol, which the console's CSP does not govern, so the tests keep
 * the real CSP (and its violation reports) instead of creating contexts with `bypassCSP`.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate("typeof window.axe === 'object'"))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<AxeViolation[]>(`axe
    .run(document, { resultTypes: ["violations"] })
    .then((results) => results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? "",
      help: violation.help,
      helpUrl: violation.helpUrl,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    })))`);
  return violations.filter((violation) => FAILING_IMPACTS.has(violation.impact));
}

function describeViolations(checks: AxeCheck[]): string {
  const byRule = new Map<string, { violation: AxeViolation; targets: Set<string>; urls: Set<string> }>();
  for (const { url, violations } of checks) {
    for (const violation of violations) {
      const seen = byRule.get(violation.id) ?? { violation, targets: new Set(), urls: new Set() };
      for (const target of violation.targets) seen.targets.add(target);
      seen.urls.add(url);
      byRule.set(violation.id, seen);
    }
  }
  return [...byRule.values()]
    .map(
      ({ violation, targets, urls }) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.helpUrl}\n` +
        `  on ${[...urls].join(", ")}\n${[...targets].map((target) => `  - ${target}`).join("\n")}`,
    )
    .join("\n");
}

/** Asserts that the page, as it is now, has no serious or critical axe-core violation. */
export async function expectAccessible(page: Page): Promise<void> {
  // In turn with the checks the harness runs on each navigation: axe refuses to run twice at once.
  const entry = [...watched].find((candidate) => candidate.page === page);
  const run = (entry?.queue ?? Promise.resolve()).then(() => axeViolations(page));
  if (entry) {
    entry.queue = run.then(
      () => undefined,
      () => undefined,
    );
  }
  const violations = await run;
  expect(violations, describeViolations([{ url: page.url(), violations }])).toEqual([]);
}

/**
 * Until the page shows what it loaded: its h1, and no "Chargement…" left (10 s at most), then two
 * frames more, for what the console measures after layout (a table wider than the screen).
 */
const SETTLED = `new Promise((resolve) => {
  const settled = () =>
    document.readyState === "complete" &&
    document.querySelector("main h1") !== null &&
    document.querySelector(".loading") === null;
  const done = () => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)));
  if (settled()) return done();
  const observer = new MutationObserver(() => recheck());
  const stop = () => {
    observer.disconnect();
    document.removeEventListener("readystatechange", recheck);
  };
  const recheck = () => {
    if (!settled()) return;
    stop();
    done();
  };
  observer.observe(document, { subtree: true, childList: true, attributes: true });
  // The load may complete after the last change to the page.
  document.addEventListener("readystatechange", recheck);
  setTimeout(() => { stop(); resolve(false); }, 10000);
})`;

interface Watched {
  page: Page;
  baseUrl: string;
  /** One axe run at a time per page (axe refuses to run twice at once). */
  queue: Promise<void>;
  checks: AxeCheck[];
  /** Checks that failed for another reason than the page moving on. */
  failures: string[];
}

const watched = new Set<Watched>();

/** Whether a failed check only means that the page moved on (navigated, or was closed). */
const isGone = (page: Page, error: unknown) =>
  page.isClosed() || /context was destroyed|closed|navigat|detached/i.test(String(error));

function check(entry: Watched, settle: boolean): Promise<void> {
  const { page, baseUrl } = entry;
  entry.queue = entry.queue.then(async () => {
    try {
      if (page.isClosed()) return;
      if (settle) await page.evaluate(SETTLED);
      const url = page.url();
      // The console only: not the browser's blank page, nor a stand-in identity provider.
      if (!url.startsWith(baseUrl)) return;
      entry.checks.push({ url: new URL(url).pathname, violations: await axeViolations(page) });
    } catch (error) {
      if (!isGone(page, error)) entry.failures.push(`${page.url()}: ${error}`);
    }
  });
  return entry.queue;
}

/**
 * Every page the harness opens is checked with axe-core on each navigation (full loads and the
 * console's own route changes), once the new page has shown what it loaded, and again as it is at the
 * end of each test: a new page is covered without a test asking for it.
 */
function watchAccessibility(page: Page, baseUrl: string) {
  const entry: Watched = { page, baseUrl, queue: Promise.resolve(), checks: [], failures: [] };
  watched.add(entry);
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) void check(entry, true);
  });
  // A test's next `goto` waits for the check of the page it leaves, so that no page goes unchecked.
  const goto = page.goto.bind(page);
  page.goto = async (...args) => {
    await entry.queue;
    return goto(...args);
  };
}

afterEach(async () => {
  const entries = [...watched];
  watched.clear();
  for (const entry of entries) await check(entry, false);
  const failing = entries.flatMap((entry) => entry.checks).filter((c) => c.violations.length > 0);
  const failures = entries.flatMap((entry) => entry.failures);
  if (failing.length > 0 || failures.length > 0) {
    throw new Error(
      ["axe-core: serious or critical violations", describeViolations(failing), ...failures]
        .filter(Boolean)
        .join("\n"),
    );
  }
});

/** The lead's Lille territory id, from the workspaces page. */
export async function lilleId(page: Page): Promise<string> {
  await page.getByRole("link", { name: /Lille Sud et Faubourgs/ }).click();
  await page.waitForURL(/\/territoires\/ter_[^/]+$/);
  return new URL(page.url()).pathname.split("/")[2] ?? "";
}

/** A GET of the API as the console sends it (same origin, the session cookie): its JSON body. */
export async function api<T>(page: Page, path: string): Promise<T> {
  return page.evaluate<T, string>(async (url) => {
    const answer = await fetch(url);
    if (!answer.ok) throw new Error(`${url}: ${answer.status}`);
    return (await answer.json()) as T;
  }, path);
}
