import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { Writer } from "../writer";

/**
 * Synthesizes every stack in-process several times and prints figures: the time to
 * load the app's modules (what deep provider imports keep small), the first synth,
 * the median of the later ones, the offline flow verification of every stack (model
 * built from the synthesized JSON, every declared flow evaluated), the guardrails of
 * every stack, synth as `npm run synth` runs it (scratch folder, guardrails, copy),
 * peak memory, and each stack's resource count.
 * Figures only; nothing here passes or fails.
 *
 * Then the endpoint-sharing stack alone at 1, 10 and 100 spokes, for each transport
 * and DNS strategy: how synth time, resource count and verification grow with spokes.
 *
 *   npm run bench            # 7 runs
 *   npm run bench -- 20      # 20 runs
 *
 * The app's modules are imported inside, not at the top, so that their load time is measured.
 */

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** `privnet bench [runs]`: prints the figures; exit 0, or 2 when `runs` is not a whole number from 2 to 100. */
export async function runBench(args: readonly string[], stderr: Writer = process.stderr): Promise<number> {
  const runs = args.length === 0 ? 7 : Number(args[0]);
  if (args.length > 1 || !Number.isInteger(runs) || runs < 2 || runs > 100) {
    stderr.write(`bench takes one argument, the number of runs (a whole number from 2 to 100, default 7), not ${args.join(" ")}\n`);
    return 2;
  }
  await benchAllStacks(runs);
  await benchSpokes(Math.max(2, Math.min(runs, 5)));
  return 0;
}

async function benchAllStacks(runs: number): Promise<void> {
  const loadStart = performance.now();
  const { buildApp, synthesize } = await import("../app");
  const { STACK_NAMES, topologyOf } = await import("../topologies/registry");
  const { checkGuardrails } = await import("../guardrails/check");
  const { loadConfig } = await import("../topologies/project-config");
  const { buildNetworkModel } = await import("../reachability/build-model");
  const { readTerraformJson, resourceCount } = await import("../terraform-json/read");
  const { verifyStack } = await import("../reachability/verify");
  const loadTime = performance.now() - loadStart;

  const config = loadConfig({ env: {} });
  const workDir = mkdtempSync(join(tmpdir(), "privnet-bench-"));
  const times: number[] = [];
  const verifyTimes: number[] = [];
  const guardrailTimes: number[] = [];
  const gatedTimes: number[] = [];
  let flowCount = 0;
  let resourceCounts: Record<string, number> = {};
  try {
    for (let run = 0; run < runs; run += 1) {
      const outdir = join(workDir, `run-${run}`);
      const start = performance.now();
      const app = buildApp({ config, outdir });
      app.synth();
      times.push(performance.now() - start);
      const stacks = STACK_NAMES.map((name) => ({ name, json: readTerraformJson(join(outdir, "stacks", name, "cdk.tf.json")) }));
      const verifyStart = performance.now();
      const verdicts = stacks.map(({ name, json }) => verifyStack(name, buildNetworkModel(json, name), topologyOf(name)!.flows(config)));
      verifyTimes.push(performance.now() - verifyStart);
      const guardrailStart = performance.now();
      stacks.forEach(({ name, json }) => checkGuardrails(json, name));
      guardrailTimes.push(performance.now() - guardrailStart);
      flowCount = verdicts.reduce((sum, verdict) => sum + verdict.verdicts.length, 0);
      resourceCounts = Object.fromEntries(stacks.map(({ name, json }) => [name, resourceCount(json)]));
      rmSync(outdir, { recursive: true, force: true });
      // What `npm run synth` runs: synth into a scratch folder, guardrails, copy.
      const gatedStart = performance.now();
      synthesize({ env: {}, outdir });
      gatedTimes.push(performance.now() - gatedStart);
      rmSync(outdir, { recursive: true, force: true });
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }

  const warm = times.slice(1);
  const rows: [string, string][] = [
    ["node", process.version],
    ["stacks", STACK_NAMES.join(", ")],
    ["resources per stack", Object.entries(resourceCounts).map(([name, count]) => `${name} ${count}`).join(", ")],
    ["module load (cold)", ms(loadTime)],
    ["first synth, all stacks", ms(times[0]!)],
    [`median synth of ${warm.length} later runs`, ms(median(warm))],
    ["fastest / slowest later run", `${ms(Math.min(...warm))} / ${ms(Math.max(...warm))}`],
    [`verify ${flowCount} flows, first / median`, `${ms(verifyTimes[0]!)} / ${ms(median(verifyTimes.slice(1)))}`],
    ["guardrails, all stacks, first / median", `${ms(guardrailTimes[0]!)} / ${ms(median(guardrailTimes.slice(1)))}`],
    ["synth with guardrails (npm run synth's path), median", ms(median(gatedTimes.slice(1)))],
    ["peak resident memory", mib(process.resourceUsage().maxRSS * 1024)],
    ["heap used at end", mib(process.memoryUsage().heapUsed)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`synth benchmark (${runs} runs, in-process)`);
  for (const [label, value] of rows) {
    console.log(`  ${label.padEnd(width)}  ${value}`);
  }
}

/** `count` spokes of one /16 each, in 10.0.0.0/8, apart from the hub's 172.16.0.0/16. */
function spokes(count: number) {
  return Array.from({ length: count }, (_, index) => ({
    name: `spoke-${index + 1}`,
    cidr: `10.${index}.0.0/16`,
    subnets: [{ name: `spoke-${index + 1}-a`, cidr: `10.${index}.1.0/24`, availabilityZone: "a" }],
    instanceName: `spoke-${index + 1}-ec2`,
  }));
}

async function benchSpokes(runs: number): Promise<void> {
  const { App } = await import("cdktf");
  const { assertValidConfig, mergeOverrides } = await import("../topologies/project-config");
  const { endpointSharingTopology } = await import("../topologies/endpoint-sharing/topology");
  const { EndpointSharingStack } = await import("../topologies/endpoint-sharing/stack");
  const { buildNetworkModel } = await import("../reachability/build-model");
  const { readTerraformJson, resourceCount } = await import("../terraform-json/read");
  const { verifyStack } = await import("../reachability/verify");
  const variants = [
    { transport: "peering", dns: "zone-associations" },
    { transport: "peering", dns: "route53-profile" },
    { transport: "transit-gateway", dns: "zone-associations" },
  ];
  const table: string[][] = [["spokes", "transport", "dns", "resources", "per spoke", "synth median", "flows", "verify"]];
  const workDir = mkdtempSync(join(tmpdir(), "privnet-bench-spokes-"));
  try {
    for (const variant of variants) {
      let oneSpoke: number | undefined;
      for (const count of [1, 10, 100]) {
        const config = mergeOverrides({ endpointSharing: { ...variant, spokes: spokes(count) } }, "bench");
        assertValidConfig(config, "bench");
        const times: number[] = [];
        let file = "";
        for (let run = 0; run < runs; run += 1) {
          const outdir = join(workDir, `${variant.transport}-${variant.dns}-${count}-${run}`);
          const start = performance.now();
          const app = new App({ outdir });
          new EndpointSharingStack(app, "endpoint-sharing", { config });
          app.synth();
          times.push(performance.now() - start);
          file = join(outdir, "stacks", "endpoint-sharing", "cdk.tf.json");
        }
        const json = readTerraformJson(file);
        const resources = resourceCount(json);
        oneSpoke ??= resources;
        const verifyStart = performance.now();
        const verdict = verifyStack("endpoint-sharing", buildNetworkModel(json, "endpoint-sharing"), endpointSharingTopology.flows(config));
        const verifyTime = performance.now() - verifyStart;
        const failed = verdict.verdicts.filter((entry) => !entry.ok).length;
        table.push([
          String(count),
          variant.transport,
          variant.dns,
          String(resources),
          count === 1 ? "" : ((resources - oneSpoke) / (count - 1)).toFixed(1),
          ms(median(times)),
          `${verdict.verdicts.length}${failed > 0 ? ` (${failed} NOT as declared)` : ""}`,
          ms(verifyTime),
        ]);
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  console.log(`\nendpoint-sharing by spokes (synth of this stack alone, median of ${runs} runs; verify once)`);
  for (const row of table) {
    console.log(`  ${row.map((cell, column) => (column >= 3 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join("  ")}`);
  }
}
