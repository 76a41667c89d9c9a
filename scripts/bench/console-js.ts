import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { build } from "vite";
import solid from "vite-plugin-solid";
import { buildConsole, keepingNodeEnv } from "../lib/build";
import { attempt, describe, type Outcome } from "./outcome";
import { benchDir, root } from "./paths";
import { type FileSize, initialJs } from "./sizes";

export interface ConsoleJsResult {
  /** Fails on its own while web/ cannot build, without hiding the baseline. */
  maillage: Outcome<FileSize[]>;
  bareSolid: FileSize[];
}

const BARE_SOLID_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Bare Solid</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/src/index.tsx"></script>
  </body>
</html>
`;

const BARE_SOLID_APP = `import { createSignal } from "solid-js";
import { render } from "solid-js/web";

function App() {
  const [count, setCount] = createSignal(0);
  return (
    <button type="button" onClick={() => setCount(count() + 1)}>
      Clicked {count()} times
    </button>
  );
}

render(() => <App />, document.getElementById("root") as HTMLElement);
`;

/** "Build failed with 1 error:" followed by the error itself, without colours or code frame. */
function summary(error: unknown): string {
  const lines = stripVTControlCharacters(describe(error))
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.slice(0, 2).join(" ");
}

async function measureConsole(): Promise<FileSize[]> {
  try {
    await buildConsole();
  } catch (error) {
    throw new Error(`web/ does not build: ${summary(error)}`);
  }
  return initialJs(join(root, "web", "dist"));
}

/** Same target as the console's vite.config.ts, so that only the app code differs. */
async function measureBareSolid(): Promise<FileSize[]> {
  const dir = join(benchDir, "bare-solid");
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(join(dir, "index.html"), BARE_SOLID_HTML);
  writeFileSync(join(dir, "src", "index.tsx"), BARE_SOLID_APP);
  await keepingNodeEnv(() =>
    build({
      root: dir,
      configFile: false,
      logLevel: "warn",
      plugins: [solid()],
      build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
    }),
  );
  return initialJs(join(dir, "dist"));
}

export async function measureConsoleJs(): Promise<ConsoleJsResult> {
  const maillage = await attempt(measureConsole);
  return { maillage, bareSolid: await measureBareSolid() };
}
