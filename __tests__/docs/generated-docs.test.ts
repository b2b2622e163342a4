import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { configSchema, type JsonSchema } from "../../src/docs/config-schema";
import { renderDocs, runDocs, SCHEMA_FILE, type GeneratedFile } from "../../src/docs/generated-docs";
import { GUARDRAIL_RULES } from "../../src/guardrails/rules";
import { DEFAULT_CONFIG, EMPTY_LIST_ELEMENTS, mergeOverrides } from "../../src/topologies/project-config";
import { validate } from "../support/json-schema";
import { tempDir } from "../support/synth";

const ROOT = join(__dirname, "..", "..");

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Leaf keys of the defaults as the loader sees them: a list's elements have the shape of its first default element. */
function defaultLeaves(value: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(value).flatMap(([name, child]) => {
    const key = `${prefix}${name}`;
    if (isPlainObject(child) && Object.keys(child).length > 0) return defaultLeaves(child, `${key}.`);
    const template = Array.isArray(child) ? (child[0] ?? EMPTY_LIST_ELEMENTS[key]) : undefined;
    return isPlainObject(template) ? defaultLeaves(template, `${key}[].`) : [key];
  });
}

function schemaLeaves(schema: JsonSchema, prefix = ""): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, property]) => {
    const key = `${prefix}${name}`;
    if (property.properties) return schemaLeaves(property, `${key}.`);
    if (property.items?.properties) return schemaLeaves(property.items, `${key}[].`);
    return [key];
  });
}

/** Every schema node, with its path. */
function nodes(schema: JsonSchema, path = ""): [string, JsonSchema][] {
  const children = Object.entries(schema.properties ?? {}).flatMap(([name, property]) => nodes(property, path === "" ? name : `${path}.${name}`));
  const items = schema.items ? nodes(schema.items, `${path}[]`) : [];
  const values = typeof schema.additionalProperties === "object" ? nodes(schema.additionalProperties, `${path}.*`) : [];
  return [[path, schema], ...children, ...items, ...values];
}

/** Whether the override loader takes `override`. */
function loaderAccepts(override: unknown): boolean {
  try {
    mergeOverrides(override, "test");
    return true;
  } catch {
    return false;
  }
}

let files: GeneratedFile[];
let schema: JsonSchema;

beforeAll(() => {
  // Builds the TypeScript program once (a second or more); later calls reuse the schema.
  files = renderDocs(ROOT);
  schema = JSON.parse(JSON.stringify(configSchema())) as JsonSchema; // as editors read it
});

describe("generated docs", () => {
  it("are up to date", () => {
    const stale = files.filter((file) => file.expected !== file.actual).map((file) => file.path);
    expect(stale, `stale generated files: ${stale.join(", ")}. Run \`npm run docs\` and commit the result.`).toEqual([]);
  });

  it("list one guardrail row per rule, in order", () => {
    const text = files.find((file) => file.path === "docs/guardrails.md")!.expected;
    const block = text.split("<!-- BEGIN GENERATED guardrail-rules -->")[1]!.split("<!-- END GENERATED guardrail-rules -->")[0]!;
    const ids = [...block.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]);
    expect(ids).toEqual(GUARDRAIL_RULES.map((rule) => rule.id));
  });

  it("give each topology README only its own section's keys", () => {
    const readme = files.find((file) => file.path === "src/topologies/privatelink/README.md")!.expected;
    const keys = [...readme.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]!);
    expect(keys).toContain("privatelink.consumers[].subnets[].cidr");
    expect(keys.every((key) => key.startsWith("privatelink."))).toBe(true);
  });
});

describe("the configuration schema", () => {
  it("has a property at the path of every key of the defaults, and no other", () => {
    const fromSchema = schemaLeaves(schema).filter((key) => key !== "$schema");
    expect(fromSchema.sort()).toEqual(defaultLeaves(DEFAULT_CONFIG as unknown as Record<string, unknown>).sort());
  });

  it("uses only draft-07 keywords, closes every fixed object and requires only keys it has", () => {
    const keywords = new Set(["$schema", "title", "description", "type", "enum", "properties", "additionalProperties", "required", "items", "maxItems", "maxLength", "default"]);
    for (const [path, node] of nodes(schema)) {
      expect(Object.keys(node).filter((keyword) => !keywords.has(keyword)), path).toEqual([]);
      expect(["object", "array", "string", "integer", "number", "boolean"], path).toContain(node.type);
      if (node.properties) expect(node.additionalProperties, path).toBe(false);
      for (const name of node.required ?? []) expect(node.properties, path).toHaveProperty([name]);
      if (node.default !== undefined) expect(validate(node, node.default), path).toEqual([]);
    }
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.properties?.["tags"]).toMatchObject({ type: "object", additionalProperties: { type: "string" } });
  });

  it("describes every key from its JSDoc", () => {
    const undocumented = nodes(schema)
      .filter(([path, node]) => path !== "" && !path.endsWith("[]") && !path.endsWith(".*") && node.description === undefined)
      .map(([path]) => path);
    expect(undocumented, "add JSDoc to these keys' declarations").toEqual([]);
    // A default is stated once, in the topology's config.ts; the table's default column reads it from there.
    const restated = nodes(schema)
      .filter(([, node]) => /\bdefault\b/i.test(node.description ?? ""))
      .map(([path]) => path);
    expect(restated, "these descriptions restate a default; say why instead, the value comes from the defaults").toEqual([]);
    expect(schema.properties?.["privatelink"]?.properties?.["consumers"]?.description).toMatch(/dev, stg and prod/);
    expect(schema.properties?.["endpointSharing"]?.properties?.["dns"]).toMatchObject({ enum: ["zone-associations", "route53-profile"], default: "zone-associations" });
  });

  it("accepts the defaults written out as JSON, with a $schema key", () => {
    const written = JSON.parse(JSON.stringify({ $schema: `./${SCHEMA_FILE}`, ...DEFAULT_CONFIG }));
    expect(validate(schema, written)).toEqual([]);
  });

  it("refuses a misspelt key, a wrong type and a value outside an enum", () => {
    expect(validate(schema, { regoin: "eu-west-1" })).toEqual(["$.regoin is not allowed"]);
    expect(validate(schema, { peering: { requester: { cidrr: "10.9.0.0/16" } } })).toEqual(["$.peering.requester.cidrr is not allowed"]);
    expect(validate(schema, { albPeering: { alb: { listenerPort: "80" } } })).toEqual(["$.albPeering.alb.listenerPort is string, not integer"]);
    expect(validate(schema, { peering: { flowLogs: { trafficType: "SOME" } } })).toHaveLength(1);
    expect(validate(schema, { tags: { Owner: 7 } })).toEqual(["$.tags.Owner is integer, not string"]);
    // The limits of the file's reader, which editors can show as the file is written.
    expect(validate(schema, { project: "x".repeat(4097), albPeering: { foo: { webServerNames: Array(1001).fill("w") } } })).toEqual(["$.project is longer than 4096", "$.albPeering.foo.webServerNames has more than 1000 items"]);
  });

  it("requires in a list element what the loader requires, and no more", () => {
    const subnet = { name: "x-a", cidr: "10.9.1.0/24", availabilityZone: "a" };
    const consumer = { name: "qa", cidr: "10.0.0.0/16", subnets: [{ ...subnet, name: "qa-a" }], clientSubnet: "qa-a", endpointSubnets: ["qa-a"] };
    const { cidr: _cidr, ...subnetWithoutCidr } = subnet;
    const { endpointSubnets: _endpointSubnets, ...consumerWithoutEndpoints } = consumer;
    const overrides: unknown[] = [
      { privatelink: { consumers: [consumer] } },
      { privatelink: { consumers: [{ ...consumer, natGateway: true, publicSubnets: [subnet] }] } },
      { privatelink: { consumers: [consumerWithoutEndpoints] } },
      { privatelink: { consumers: [{ ...consumer, subnets: [subnetWithoutCidr] }] } },
      { privatelink: { service: { publicSubnets: [subnetWithoutCidr] } } },
      { endpointSharing: { spokes: [{ name: "s", cidr: "10.8.0.0/16", subnets: [subnet], instanceName: "i" }] } },
      { endpointSharing: { spokes: [{ name: "s", cidr: "10.8.0.0/16", subnets: [subnet] }] } },
      { endpointSharing: { services: ["ssm", 3] } },
      { $schema: 7 },
    ];
    const verdicts = overrides.map((override) => ({ override, schema: validate(schema, override).length === 0, loader: loaderAccepts(override) }));
    expect(verdicts.map(({ schema: bySchema }) => bySchema)).toEqual([true, true, false, false, false, true, false, false, false]);
    for (const verdict of verdicts) expect(verdict.schema, JSON.stringify(verdict.override)).toBe(verdict.loader);
  });
});

describe("privnet docs", () => {
  function output(): { text: string; write(text: string): void } {
    return { text: "", write(text: string) { this.text += text; } };
  }

  /** A temporary root holding every generated file, current. */
  function currentCopy(): string {
    const root = tempDir("privnet-docs-");
    for (const file of files) {
      mkdirSync(dirname(join(root, file.path)), { recursive: true });
      writeFileSync(join(root, file.path), file.expected);
    }
    return root;
  }

  it("--check exits 0 when every file is current and 1 naming the file whose block was edited", () => {
    const root = currentCopy();
    const stdout = output();
    expect(runDocs({ check: true, root, stdout, stderr: output() })).toBe(0);

    const readme = join(root, "src/topologies/peering/README.md");
    writeFileSync(readme, readFileSync(readme, "utf8").replace("| `peering.keyName` |", "| `peering.keyname` |"));
    const stale = output();
    expect(runDocs({ check: true, root, stdout: stale, stderr: output() })).toBe(1);
    expect(stale.text).toContain("stale: src/topologies/peering/README.md");
    expect(stale.text).not.toContain("docs/configuration.md");
    expect(readFileSync(readme, "utf8")).toContain("peering.keyname");

    const written = output();
    expect(runDocs({ root, stdout: written, stderr: output() })).toBe(0);
    expect(written.text).toBe("wrote src/topologies/peering/README.md\n");
    expect(runDocs({ check: true, root, stdout: output(), stderr: output() })).toBe(0);
  });

  it("exits 2 naming the file and the marker when a marker is missing", () => {
    const root = currentCopy();
    const guide = join(root, "docs/guardrails.md");
    writeFileSync(guide, readFileSync(guide, "utf8").replace("<!-- END GENERATED guardrail-rules -->", ""));
    const stderr = output();
    expect(runDocs({ check: true, root, stdout: output(), stderr })).toBe(2);
    expect(stderr.text).toContain("docs/guardrails.md");
    expect(stderr.text).toContain("<!-- END GENERATED guardrail-rules -->");
  });
});
