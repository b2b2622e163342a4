import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../config/project-file";
import type { Writer } from "../writer";
import { configSchema, type JsonSchema } from "./config-schema";
import { REVIEW_SCHEMA_FILE, reviewSchema } from "../review/report-schema";
import { DRIFT_SCHEMA_FILE, driftSchema } from "../operations/drift/drift-schema";
import { PROBE_SCHEMA_FILE, probeSchema } from "../operations/probe/probe-schema";
import { synthesizeStacks } from "../app";
import { buildNetworkModel } from "../reachability/build-model";
import { expandFlows } from "../reachability/flows";
import { costOf, costTable } from "../review/cost";
import { mermaidDiagram } from "../review/diagram";
import { EXCLUDED_CHARGES, PRICE_REGION, PRICES_RECORDED } from "../review/prices";
import { AWS_LIMITS, isAdjustable, type AwsLimit } from "../limits/aws-limits";
import { GUARDRAIL_RULES } from "../guardrails/rules";
import { TOPOLOGIES, topologyOf } from "../topologies/registry";
import { DEFAULT_CONFIG } from "../topologies/project-config";

/** One generated file: its path relative to the root, the text it should have and the text it has. */
export interface GeneratedFile {
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
}

/** A file that cannot be regenerated: missing, or without its markers. */
export class DocsError extends Error {}

export const SCHEMA_FILE = "docs/config.schema.json";

interface KeyRow {
  readonly key: string;
  readonly type: string;
  readonly default: string;
  readonly description: string;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

function typeName(schema: JsonSchema): string {
  if (schema.enum) return `one of ${schema.enum.map((value) => `\`${value}\``).join(", ")}`;
  if (schema.type === "array") return `${typeName(schema.items ?? {})}[]`;
  if (typeof schema.additionalProperties === "object") return `map of ${typeName(schema.additionalProperties)}`;
  return schema.type ?? "any";
}

/**
 * Every key under `schema`: each leaf, and each list of objects with its default (a
 * list in the file replaces it whole), lists written `name[]`. An element's key
 * without a default must be given in each element.
 */
function keyRows(schema: JsonSchema, prefix = "", required: readonly string[] = []): KeyRow[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, property]) => {
    const key = `${prefix}${name}`;
    if (property.properties) return keyRows(property, `${key}.`);
    if (property.items?.properties) {
      const list = { key, type: "list of objects", default: `\`${JSON.stringify(property.default ?? [])}\``, description: `${property.description ?? ""} A list in the file replaces this one whole.`.trim() };
      return [list, ...keyRows(property.items, `${key}[].`, property.items.required)];
    }
    const fallback = required.includes(name) ? "required in each element" : "unset";
    const value = property.default === undefined ? fallback : `\`${JSON.stringify(property.default)}\``;
    return [{ key, type: typeName(property), default: value, description: property.description ?? "" }];
  });
}

function keyTable(rows: readonly KeyRow[]): string {
  const lines = rows.map((row) => `| \`${row.key}\` | ${cell(row.type)} | ${cell(row.default)} | ${cell(row.description)} |`);
  return ["| key | type | default | description |", "| --- | --- | --- | --- |", ...lines].join("\n");
}

function limitsTable(): string {
  const lines = Object.values(AWS_LIMITS as Record<string, AwsLimit>).map((limit) => {
    const kind = isAdjustable(limit) ? `adjustable${limit.maximum === undefined ? "" : `, to at most ${limit.maximum}`}` : "hard";
    const code = limit.quota === undefined ? (limit.raisedBy === undefined ? "none" : `none: ${limit.raisedBy}`) : `\`${limit.quota.service}\` \`${limit.quota.code}\``;
    const counted = limit.acrossStacks
      ? limit.atPlan === undefined
        ? "each stack alone like the others; over all stacks in one account and Region: a warning, on the last of them to deploy"
        : "each stack alone like the others; over all stacks in one account and Region: no warning at synth, since the plan checks the account"
      : !isAdjustable(limit)
        ? "in each stack: refused"
        : `in each stack: a warning past the default${limit.maximum === undefined ? "" : ", refused past the maximum"}`;
    const planned = limit.atPlan === undefined ? "" : `; ${limit.atPlan}`;
    return `| ${cell(limit.name)} | ${limit.figure} | ${kind} | ${code} | ${counted}${cell(planned)} |`;
  });
  return ["| limit | figure | kind | Service Quotas code | counted, and what happens over it |", "| --- | --- | --- | --- | --- |", ...lines].join("\n");
}

function guardrailTable(): string {
  const lines = GUARDRAIL_RULES.map((rule) => {
    const controls = rule.controls.length > 0 ? rule.controls.join("; ") : "none";
    return `| \`${rule.id}\` | ${cell(rule.title)} | ${cell(controls)} |`;
  });
  return ["| id | what must hold | benchmark controls |", "| --- | --- | --- |", ...lines].join("\n");
}

/** `text` with the lines between the marker pair `name` replaced by `body`. */
function replaceBlock(text: string, file: string, name: string, body: string): string {
  const begin = `<!-- BEGIN GENERATED ${name} -->`;
  const end = `<!-- END GENERATED ${name} -->`;
  const start = text.indexOf(begin);
  const stop = text.indexOf(end, start);
  if (start < 0 || stop < 0) {
    throw new DocsError(`${file} lacks the marker pair ${begin} ... ${end}`);
  }
  return `${text.slice(0, start + begin.length)}\n\n${body}\n\n${text.slice(stop)}`;
}

/** The section whose keys a topology's README lists: its own, or for the state stack the common `state` keys. */
function readmeSection(topology: (typeof TOPOLOGIES)[number]): string | undefined {
  return topology.section ?? (topology.stackName === "state" ? "state" : undefined);
}

/**
 * Each network stack's diagram and cost at the defaults, from its synthesized JSON and
 * the price table, through the code `npm run review` uses: the READMEs cannot drift
 * from what synth writes.
 */
function networkBlocks(): { path: string; marker: string; body: string }[] {
  const pricesNote =
    `On-demand list prices for ${PRICE_REGION}, from AWS's pricing pages (\`src/review/prices.ts\`, recorded ${PRICES_RECORDED}); ` +
    `left out: ${EXCLUDED_CHARGES.join(", ")}.`;
  return synthesizeStacks(DEFAULT_CONFIG).flatMap((stack) => {
    const topology = topologyOf(stack.name);
    if (topology === undefined || stack.name === "state") return [];
    const model = buildNetworkModel(stack.json, stack.name);
    const flows = expandFlows(model, topology.flows(DEFAULT_CONFIG as never));
    const path = `src/topologies/${stack.name}/README.md`;
    return [
      { path, marker: `diagram:${stack.name}`, body: `\`\`\`mermaid\n${mermaidDiagram(model, { flows })}\`\`\`` },
      { path, marker: `cost:${stack.name}`, body: costTable(costOf(stack.json), pricesNote) },
    ];
  });
}

/** Every generated file under `root`, as it should be and as it is. */
export function renderDocs(root: string): GeneratedFile[] {
  const read = (path: string): string => {
    if (!existsSync(join(root, path))) throw new DocsError(`${path} does not exist`);
    return readFileSync(join(root, path), "utf8");
  };
  const schema = configSchema();
  const rows = keyRows(schema);
  const blocks: { path: string; marker: string; body: string }[] = [
    { path: "docs/configuration.md", marker: "config-keys", body: keyTable(rows) },
    { path: "docs/guardrails.md", marker: "guardrail-rules", body: guardrailTable() },
    { path: "docs/limits.md", marker: "aws-limits", body: limitsTable() },
    ...networkBlocks(),
    ...TOPOLOGIES.flatMap((topology) => {
      const section = readmeSection(topology);
      if (section === undefined) return [];
      const sectionRows = rows.filter((row) => row.key.startsWith(`${section}.`));
      return [{ path: `src/topologies/${topology.stackName}/README.md`, marker: `config-keys:${section}`, body: keyTable(sectionRows) }];
    }),
  ];
  const schemaPath = join(root, SCHEMA_FILE);
  const reviewSchemaPath = join(root, REVIEW_SCHEMA_FILE);
  return [
    { path: SCHEMA_FILE, expected: `${JSON.stringify(schema, null, 2)}\n`, actual: existsSync(schemaPath) ? readFileSync(schemaPath, "utf8") : "" },
    { path: REVIEW_SCHEMA_FILE, expected: `${JSON.stringify(reviewSchema(), null, 2)}\n`, actual: existsSync(reviewSchemaPath) ? readFileSync(reviewSchemaPath, "utf8") : "" },
    { path: DRIFT_SCHEMA_FILE, expected: `${JSON.stringify(driftSchema(), null, 2)}\n`, actual: existsSync(join(root, DRIFT_SCHEMA_FILE)) ? readFileSync(join(root, DRIFT_SCHEMA_FILE), "utf8") : "" },
    { path: PROBE_SCHEMA_FILE, expected: `${JSON.stringify(probeSchema(), null, 2)}\n`, actual: existsSync(join(root, PROBE_SCHEMA_FILE)) ? readFileSync(join(root, PROBE_SCHEMA_FILE), "utf8") : "" },
    // A file with several blocks (a README's diagram, cost and keys) gets them all at once.
    ...[...new Set(blocks.map((block) => block.path))].map((path) => {
      const actual = read(path);
      const expected = blocks.filter((block) => block.path === path).reduce((text, { marker, body }) => replaceBlock(text, path, marker, body), actual);
      return { path, expected, actual };
    }),
  ];
}

export interface RunDocsOptions {
  /** Write nothing; name each stale file and exit 1 when any is. */
  readonly check?: boolean;
  /** The checkout whose docs are written. Default: the package this code belongs to. */
  readonly root?: string;
  readonly stdout?: Writer;
  readonly stderr?: Writer;
}

/**
 * `privnet docs`: writes every stale generated file and names it. With `--check` it
 * writes nothing, names each stale file and exits 1 when any is. Exit code 2 on a file
 * that lacks its markers.
 */
export function runDocs(options: RunDocsOptions): number {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const check = options.check ?? false;
  const root = options.root ?? projectRoot();
  let stale: GeneratedFile[];
  try {
    stale = renderDocs(root).filter((file) => file.expected !== file.actual);
  } catch (error) {
    if (!(error instanceof DocsError)) throw error;
    stderr.write(`privnet docs: ${error.message}\n`);
    return 2;
  }
  if (check) {
    for (const file of stale) stdout.write(`stale: ${file.path}\n`);
    stdout.write(stale.length > 0 ? "Run `npm run docs` to regenerate them.\n" : "Every generated file is current.\n");
    return stale.length > 0 ? 1 : 0;
  }
  for (const file of stale) {
    writeFileSync(join(root, file.path), file.expected);
    stdout.write(`wrote ${file.path}\n`);
  }
  if (stale.length === 0) stdout.write("Every generated file is current.\n");
  return 0;
}
