import { describe, expect, it } from "vitest";
import { synthesizeStacks } from "../../src/app";
import { ConfigError } from "../../src/config/errors";
import { configSchema, type JsonSchema } from "../../src/docs/config-schema";
import { assertGuardrails } from "../../src/guardrails/gate";
import { countLimits } from "../../src/limits/count-limits";
import { assertValidConfig, mergeOverrides } from "../../src/topologies/project-config";

/** A small seeded generator, so that a failure names a seed that reproduces it. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values that have broken or nearly broken the checks: collisions, edges, the world, hostile keys. */
const STRINGS = [
  "a", "b-c", "a-b", "c", "vpc1", "web-1", "ec2-1", "ec2-1-private-ip", "eic", "peering", "x".repeat(40), "", " ", "Ünïcode", "__proto__",
  "10.0.0.0/16", "10.0.1.0/24", "172.18.0.0/16", "172.18.1.0/24", "0.0.0.0/0", "0.0.0.0/1", "128.0.0.0/1", "10.0.0.5/24", "10.0.0.0/33", "bogus",
  "a", "c", "d", "z", "apne1-az4", "apne1-az1", "usw2-az1", "/", "/index.html", "http://x", "https://ipv4.icanhazip.com",
  "arn:aws:iam::111122223333:role/privnet-deploy", "arn:aws:iam::123:role/x", "ssm", "ecr.api", "s3", "constructor", "ALL", "REJECT",
  "${TfToken[TOKEN.99999]}", "#{TfToken[TOKEN.1]}", '${file("/etc/hostname")}', "%{ if true }x%{ endif }",
];
const NUMBERS = [0, 1, 22, 80, 443, 8080, 65535, 65536, -1, 1.5, 365, 366, 1e9];
const WRONG_TYPES: unknown[] = [null, [], {}, 7, "7", true];

function pick<T>(next: () => number, values: readonly T[]): T {
  return values[Math.floor(next() * values.length)]!;
}

/** A value for `schema`: mostly of its type, from the values above or its default, sometimes of another type. */
function valueFor(schema: JsonSchema, next: () => number, depth: number): unknown {
  if (next() < 0.04) return pick(next, WRONG_TYPES);
  if (schema.enum) return next() < 0.8 ? pick(next, schema.enum) : pick(next, STRINGS);
  switch (schema.type) {
    case "object": {
      if (typeof schema.additionalProperties === "object") {
        return Object.fromEntries(Array.from({ length: Math.floor(next() * 3) }, () => [pick(next, STRINGS), pick(next, STRINGS)]));
      }
      const entries = Object.entries(schema.properties ?? {}).filter(([name]) => name !== "$schema");
      const chance = depth === 0 ? 0.35 : 0.5;
      const chosen = entries.filter(([name]) => schema.required?.includes(name) || next() < chance);
      const object = Object.fromEntries(chosen.map(([name, child]) => [name, valueFor(child, next, depth + 1)]));
      if (next() < 0.03) object[pick(next, ["constructor", "toString", "typo"])] = "x";
      return object;
    }
    case "array":
      return Array.from({ length: Math.floor(next() * (depth > 2 ? 2 : 4)) }, () => valueFor(schema.items ?? {}, next, depth + 1));
    case "string":
      return next() < 0.5 && typeof schema.default === "string" ? schema.default : pick(next, STRINGS);
    case "integer":
    case "number":
      return next() < 0.5 && typeof schema.default === "number" ? schema.default : pick(next, NUMBERS);
    case "boolean":
      return next() < 0.5;
    default:
      return pick(next, STRINGS);
  }
}

type Outcome = "refused" | "synthesized";

/** What the app does with one configuration, as synth would: refuse it with key, value and rule, or write it. */
function outcomeOf(override: unknown): Outcome {
  try {
    const config = mergeOverrides(override, "random");
    assertValidConfig(config, "random");
    const stacks = synthesizeStacks(config);
    assertGuardrails(stacks);
    countLimits(stacks);
    return "synthesized";
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const issue of error.issues) {
      expect(issue.key, error.message).toMatch(/\S/);
      expect(issue.rule, error.message).toMatch(/\S/);
    }
    return "refused";
  }
}

/**
 * 120 configurations by default; more to hunt, e.g.
 * PRIVNET_FUZZ_RUNS=2000 PRIVNET_FUZZ_SEED=1 npx vitest run --dir __tests__ random-configurations
 */
describe("random configurations built from the configuration's own schema", () => {
  const schema = configSchema();
  const SEEDS = Array.from({ length: Number(process.env["PRIVNET_FUZZ_RUNS"] ?? 120) }, (_, index) => Number(process.env["PRIVNET_FUZZ_SEED"] ?? 20261201) + index);

  it("are each either synthesized, through the guardrails, or refused with key, value and rule; none ends in a stack trace", () => {
    const outcomes: Record<Outcome, number> = { refused: 0, synthesized: 0 };
    for (const seed of SEEDS) {
      const override = valueFor(schema, random(seed), 0);
      try {
        outcomes[outcomeOf(override)] += 1;
      } catch (error) {
        throw new Error(`seed ${seed} ended in ${(error as Error).name}: ${(error as Error).message}\nconfiguration: ${JSON.stringify(override)}`);
      }
    }
    // Both paths are exercised, or the generator has drifted into always one.
    expect(outcomes.refused, JSON.stringify(outcomes)).toBeGreaterThan(SEEDS.length / 10);
    expect(outcomes.synthesized, JSON.stringify(outcomes)).toBeGreaterThan(SEEDS.length / 40);
  });
});
