import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Imports or requires of a provider package's root, which loads every resource class. */
export function providerRootImports(source: string): string[] {
  const pattern = /(?:from\s+|import\s+|require\(\s*|import\(\s*)["'](@cdktf\/provider-[a-z0-9-]+)(?:\/lib(?:\/index(?:\.js)?)?)?\/?["']/g;
  return [...source.matchAll(pattern)].map((match) => match[0]);
}

describe("conventions", () => {
  it("detects provider imports from the package root and accepts deep paths", () => {
    expect(providerRootImports(`import { Vpc } from "@cdktf/provider-aws";`)).toHaveLength(1);
    expect(providerRootImports(`import * as aws from '@cdktf/provider-aws/lib';`)).toHaveLength(1);
    expect(providerRootImports(`const aws = require("@cdktf/provider-http");`)).toHaveLength(1);
    expect(providerRootImports(`import "@cdktf/provider-aws";`)).toHaveLength(1);
    expect(providerRootImports(`import { Vpc } from "@cdktf/provider-aws/lib/index";`)).toHaveLength(1);
    expect(providerRootImports(`import { Vpc } from "@cdktf/provider-aws/lib/vpc";`)).toEqual([]);
  });

  it("imports provider classes only by deep path (the package root costs seconds and memory per synth)", () => {
    const offenders = sourceFiles(join(ROOT, "src")).flatMap((file) =>
      providerRootImports(readFileSync(file, "utf8")).map((found) => `${relative(ROOT, file)}: ${found}`),
    );
    expect(offenders).toEqual([]);
  });
});

describe("tests", () => {
  it("set no time limit of their own, so that none passes or fails by how fast the machine is (vitest.config.mts has one limit, for hangs)", () => {
    const own = sourceFiles(join(ROOT, "__tests__"))
      .filter((file) => !file.endsWith("conventions.test.ts"))
      .flatMap((file) => [...readFileSync(file, "utf8").matchAll(/\{\s*timeout:\s*[\d_]+\s*\}\s*,\s*(?:async\s*)?\(|^\s*\}\s*,\s*[\d_]+\s*\)\s*;$|vi\.setConfig\(|testTimeout/gm)].map((match) => `${relative(ROOT, file)}: ${match[0]}`));
    expect(own).toEqual([]);
  });
});
