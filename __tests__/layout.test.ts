import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { SUBCOMMANDS } from "../src/cli/subcommands";
import { TOPOLOGIES } from "../src/topologies/registry";

const ROOT = join(__dirname, "..");
/** The folder beside the project that a clone does not have; spelt in parts so that this file does not name it either. */
const OUTSIDE = ["..", "shared"].join("/");

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ["node_modules", "dist", "cdktf.out", "deploy-test.out", ".git"].includes(entry.name) ? [] : filesUnder(path, keep);
    return keep(entry.name) ? [path] : [];
  });
}

/**
 * The layers of src/, lowest first: a file may import its own layer and those below.
 * The tools at the top (plan, ci, deploy-test, bench, docs, review, operations) may use each other; only
 * the entry points import the command line.
 */
const LAYERS: readonly (readonly string[])[] = [
  ["config", "terraform-json", "writer", "types"],
  ["reachability"],
  ["guardrails", "limits"],
  ["constructs"],
  ["topologies"],
  ["app", "synth-warnings"],
  ["plan", "ci", "deploy-test", "bench", "docs", "review", "operations"],
  ["cli"],
  ["main"],
];

function layerOf(file: string): string {
  const [first] = relative("src", file).split(sep);
  return first!.replace(/\.ts$/, "");
}

function rank(layer: string): number {
  const index = LAYERS.findIndex((members) => members.includes(layer));
  if (index < 0) throw new Error(`src/${layer} is in no layer of layout.test.ts: add it where it belongs (docs/layout.md)`);
  return index;
}

describe("layout", () => {
  /** Every relative import of every source file, static or dynamic, as [file, target without extension]. */
  const imports = filesUnder("src", (name) => name.endsWith(".ts")).flatMap((file) => {
    const text = readFileSync(join(ROOT, file), "utf8");
    return [...text.matchAll(/(?:from\s+|import\(\s*)"(\.{1,2}\/[^"]+)"/g)].map(([, spec]) => [file, normalize(join(dirname(file), spec!))] as const);
  });

  it("imports only downwards: config and the JSON reader at the bottom, topologies over constructs, the tools and the command line on top", () => {
    const upward = imports.flatMap(([file, target]) => {
      const [from, to] = [layerOf(file), layerOf(`${target}.ts`)];
      return rank(to) > rank(from) ? [`${file} imports ${target} (${from} -> ${to})`] : [];
    });
    expect(upward).toEqual([]);
  });

  it("has no import circle: modules that load each other half-initialised break in the order they happen to load", () => {
    // Type-only imports are erased when compiled, so only imports that load a module count.
    const loads = new Map<string, string[]>();
    for (const file of filesUnder("src", (name) => name.endsWith(".ts"))) {
      const text = readFileSync(join(ROOT, file), "utf8");
      const targets = [...text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+"(\.{1,2}\/[^"]+)"|import\(\s*"(\.{1,2}\/[^"]+)"/gm)].map(
        ([, staticSpec, dynamicSpec]) => `${normalize(join(dirname(file), (staticSpec ?? dynamicSpec)!))}.ts`,
      );
      loads.set(file, targets);
    }
    const circles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, path: readonly string[]): void => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        circles.push([...path.slice(path.indexOf(file)), file].join(" -> "));
        return;
      }
      state.set(file, "open");
      for (const target of loads.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, "done");
    };
    for (const file of loads.keys()) visit(file, []);
    expect(circles).toEqual([]);
  });

  it("keeps each topology to its own folder: one topology never imports another's", () => {
    const topologyOf = (path: string) => /^src\/topologies\/([^/]+)\//.exec(path)?.[1];
    const crossing = imports.filter(([file, target]) => topologyOf(file) && topologyOf(target) && topologyOf(file) !== topologyOf(target));
    expect(crossing.map(([file, target]) => `${file} imports ${target}`)).toEqual([]);
  });

  it("has one folder per topology in the registry, each with its stack, flows, configuration and README", () => {
    const folders = readdirSync(join(ROOT, "src/topologies"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(folders).toEqual(TOPOLOGIES.map((topology) => topology.stackName).sort());
    for (const folder of folders) {
      const expected = ["stack.ts", "topology.ts", "README.md", ...(folder === "state" ? [] : ["flows.ts", "config.ts", "validate.ts"])];
      expect(expected.filter((file) => !existsSync(join(ROOT, "src/topologies", folder, file))), folder).toEqual([]);
    }
  });

  it("keeps constructs in src/constructs/ only when two topologies use them", () => {
    const users = (construct: string) =>
      TOPOLOGIES.map((topology) => topology.stackName).filter((folder) =>
        filesUnder(join("src/topologies", folder), (name) => name.endsWith(".ts")).some((file) =>
          new RegExp(`from "[./]*constructs/${construct}"`).test(readFileSync(join(ROOT, file), "utf8")),
        ),
      );
    const constructs = filesUnder("src/constructs", (name) => name.endsWith(".ts")).map((file) => relative("src/constructs", file).replace(/\.ts$/, ""));
    // Used by other constructs rather than by topologies directly.
    const viaOtherConstructs = new Set(["naming", "provider-pins", "s3-backend", "vpc-quota"]);
    const single = constructs.filter((construct) => !viaOtherConstructs.has(construct) && users(construct).length < 2).map((construct) => `${construct}: ${users(construct).join(", ") || "no topology"}`);
    expect(single).toEqual([]);
  });

  it("keeps the root README to a page and points nowhere outside the repository", () => {
    expect(readFileSync(join(ROOT, "README.md"), "utf8").split("\n").length).toBeLessThanOrEqual(200);
    const markdown = filesUnder(".", (name) => name.endsWith(".md"));
    const problems = markdown.flatMap((file) => {
      const text = readFileSync(join(ROOT, file), "utf8");
      const outside = text.includes(OUTSIDE) ? [`${file}: refers to ${OUTSIDE}`] : [];
      const links = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map(([, target]) => target!).filter((target) => !/^[a-z]+:/.test(target));
      return [
        ...outside,
        ...links.flatMap((target) => {
          const resolved = normalize(join(dirname(file), target));
          if (resolved.startsWith("..")) return [`${file}: links outside the repository to ${target}`];
          return existsSync(join(ROOT, resolved)) ? [] : [`${file}: broken link to ${target}`];
        }),
      ];
    });
    expect(problems).toEqual([]);
  });

  it("says nothing in code about paths outside the repository", () => {
    const offenders = [...filesUnder("src", (name) => name.endsWith(".ts")), ...filesUnder(".github", () => true), ".ci/run"].filter((file) =>
      readFileSync(join(ROOT, file), "utf8").includes(OUTSIDE),
    );
    expect(offenders).toEqual([]);
  });

  it("links every stack from the root README to its topology's README, which has what a user needs to deploy it", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    for (const { stackName } of TOPOLOGIES) {
      expect(readme, stackName).toContain(`| \`${stackName}\` |`);
      expect(readme, stackName).toContain(`(src/topologies/${stackName}/README.md)`);
      const own = readFileSync(join(ROOT, "src/topologies", stackName, "README.md"), "utf8");
      const headings = own.split("\n").filter((line) => line.startsWith("## "));
      const needed = ["## What it builds", "## Configuration keys", "## Cost", ...(stackName === "state" ? [] : ["## Connect and test", "## Differences from the article"])];
      expect(needed.filter((heading) => !headings.some((line) => line.startsWith(heading))), stackName).toEqual([]);
      expect(own, `${stackName}: the cost section names where its prices come from`).toMatch(/pricing\s+page/);
    }
  });

  it("lists every subcommand's npm script in the root README and in docs/layout.md", () => {
    const texts = ["README.md", "docs/layout.md"].map((file) => [file, readFileSync(join(ROOT, file), "utf8")] as const);
    const missing = texts.flatMap(([file, text]) =>
      SUBCOMMANDS.filter((command) => !text.includes(`npm run ${command.npmScript}`) && !text.includes(`\`${command.npmScript}\``)).map((command) => `${file}: ${command.npmScript}`),
    );
    expect(missing).toEqual([]);
  });
});
