import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { Seed } from "@maillage/core";
import * as Local from "@maillage/core/local";
import { type Config, loadConfig } from "@maillage/functions";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";
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
  await Seed.demo();

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
