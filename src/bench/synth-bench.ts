import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Writer } from "../writer";
import { measureCliSynth } from "./cli-floor";

/**
 * Prints figures, synth's and module load's next to their ratio to a floor measured in
 * the same run, the smallest cdktf app of this kind (one stack, the AWS provider, one
 * VPC, deep imports):
 *
 * - `npx cdktf synth` of this project against the floor app, both through the cdktf CLI,
 *   and the no-op build the project's app runs first;
 * - in-process: module load, first and median synth of every stack, the offline flow
 *   verification, the guardrails, synth as `npm run synth` runs it, peak memory;
 * - verify of the privatelink stack at 10, 50 and 100 consumers: flows, time per
 *   1,000 flows, heap held by the verdicts after garbage collection and per flow, and
 *   the size of the summary and of the full report;
 * - the endpoint-sharing stack alone at 1, 10 and 100 spokes, for each transport and
 *   DNS strategy: how synth time, resource count and verification grow with spokes;
 * - the review of one change (a client's SSH rule widened to 0.0.0.0/0) at 1, 10 and
 *   100 PrivateLink consumers and endpoint-sharing spokes: its time as a ratio to two
 *   verify runs of the same inputs, the heap it used, and its Markdown section.
 *
 * Figures only; nothing here passes or fails.
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
export async function runBench(given: string | undefined, stderr: Writer = process.stderr): Promise<number> {
  const runs = given === undefined ? 7 : Number(given);
  if (!Number.isInteger(runs) || runs < 2 || runs > 100) {
    stderr.write(`bench takes one argument, the number of runs (a whole number from 2 to 100, default 7), not ${given}\n`);
    return 2;
  }
  benchCli(Math.max(3, Math.min(runs, 7)));
  await benchAllStacks(runs);
  await benchConsumers();
  await benchSpokes(Math.max(2, Math.min(runs, 5)));
  await benchReview();
  return 0;
}

const ratio = (value: number, floor: number) => `${(value / floor).toFixed(2)}x`;

/** A full garbage collection, so that heap figures count what is still held; V8 gives the function once the flag is set. */
function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

/** `npx cdktf synth` of this project against the floor app, through the same CLI. */
function benchCli(runs: number): void {
  const times = measureCliSynth(process.cwd(), runs);
  const floor = median(times.floor);
  console.log(`synth through the cdktf CLI (median of ${runs} runs each, taken in turn), as a ratio to the floor`);
  const rows: [string, number][] = [
    ["floor: one stack, the AWS provider, one VPC, deep imports, prebuilt", floor],
    ["npx cdktf synth of this project (its no-op build included)", median(times.project)],
    ["no-op build before the app (src/build/build-if-stale.cjs)", median(times.noOpBuild)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) {
    console.log(`  ${label.padEnd(width)}  ${ms(value).padStart(10)}  ${ratio(value, floor)}`);
  }
  console.log("");
}

/** `count` PrivateLink consumers, each in an account of its own (one Instance Connect endpoint each), all on 10.0.0.0/16. */
function consumers(count: number) {
  return Array.from({ length: count }, (_, index) => ({
    name: `c${index + 1}`,
    cidr: "10.0.0.0/16",
    subnets: [{ name: `c${index + 1}-private`, cidr: "10.0.1.0/24", availabilityZone: "apne1-az4" }],
    clientSubnet: `c${index + 1}-private`,
    endpointSubnets: [`c${index + 1}-private`],
    assumeRoleArn: `arn:aws:iam::${String(100000000000 + index)}:role/privnet-deploy`,
  }));
}

/** How verify grows with the flows it checks: the privatelink stack at 10, 50 and 100 consumers. */
async function benchConsumers(): Promise<void> {
  const { App } = await import("cdktf");
  const { assertValidConfig, mergeOverrides } = await import("../topologies/project-config");
  const { privateLinkTopology } = await import("../topologies/privatelink/topology");
  const { buildNetworkModel } = await import("../reachability/build-model");
  const { readTerraformJson } = await import("../terraform-json/read");
  const { verifyStack } = await import("../reachability/verify");
  const { formatStackReport } = await import("../reachability/report");
  const service = {
    subnets: [
      { name: "shared-private-a", cidr: "172.16.1.0/24", availabilityZone: "apne1-az4" },
      { name: "shared-private-c", cidr: "172.16.2.0/24", availabilityZone: "apne1-az1" },
    ],
  };
  const table: string[][] = [["consumers", "flows", "verify", "per 1,000 flows", "heap held", "per flow", "summary", "every flow"]];
  const workDir = mkdtempSync(join(tmpdir(), "privnet-bench-consumers-"));
  try {
    for (const count of [10, 50, 100]) {
      const config = mergeOverrides({ privatelink: { service, consumers: consumers(count) } }, "bench");
      assertValidConfig(config, "bench");
      const outdir = join(workDir, String(count));
      const app = new App({ outdir });
      privateLinkTopology.build(app, config);
      app.synth();
      const json = readTerraformJson(join(outdir, "stacks", "privatelink", "cdk.tf.json"));
      collectGarbage();
      const heapBefore = process.memoryUsage().heapUsed;
      const start = performance.now();
      const verdict = verifyStack("privatelink", buildNetworkModel(json, "privatelink"), privateLinkTopology.flows(config));
      const elapsed = performance.now() - start;
      collectGarbage();
      // What verify's answer holds once the garbage of working it out is gone.
      const held = process.memoryUsage().heapUsed - heapBefore;
      const summary = formatStackReport(verdict).length;
      const everyFlow = formatStackReport(verdict, { everyFlow: true }).length;
      table.push([
        String(count),
        String(verdict.verdicts.length),
        ms(elapsed),
        ms((elapsed / verdict.verdicts.length) * 1000),
        mib(held),
        `${Math.round(held / verdict.verdicts.length)} B`,
        `${summary} chars`,
        `${(everyFlow / 1e6).toFixed(1)} MB`,
      ]);
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  console.log("\nverify by PrivateLink consumers (each in its own account; once each; heap held by the verdicts after garbage collection; budget at 100: 1 s, 200 MiB)");
  for (const row of table) {
    console.log(`  ${row.map((cell, column) => cell.padStart(widths[column]!)).join("  ")}`);
  }
}

async function benchAllStacks(runs: number): Promise<void> {
  // The floor, in-process: what loading cdktf with a deep provider import and synthesizing one VPC costs.
  const floorLoadStart = performance.now();
  const { synthFloorApp } = await import("./floor-app");
  const floorLoad = performance.now() - floorLoadStart;
  const floorSynth = (outdir: string) => {
    const start = performance.now();
    synthFloorApp(outdir);
    return performance.now() - start;
  };
  const loadStart = performance.now();
  const { buildApp, synthesize } = await import("../app");
  const { STACK_NAMES, topologyOf } = await import("../topologies/registry");
  const { checkGuardrails } = await import("../guardrails/check");
  const { loadConfig } = await import("../topologies/project-config");
  const { buildNetworkModel } = await import("../reachability/build-model");
  const { readTerraformJson, resourceCount } = await import("../terraform-json/read");
  const { verifyStack } = await import("../reachability/verify");
  const loadTime = floorLoad + performance.now() - loadStart;

  const config = loadConfig({ env: {} });
  const workDir = mkdtempSync(join(tmpdir(), "privnet-bench-"));
  const times: number[] = [];
  const verifyTimes: number[] = [];
  const guardrailTimes: number[] = [];
  const gatedTimes: number[] = [];
  const floorTimes: number[] = [];
  let flowCount = 0;
  let resourceCounts: Record<string, number> = {};
  try {
    for (let run = 0; run < runs; run += 1) {
      const outdir = join(workDir, `run-${run}`);
      floorTimes.push(floorSynth(join(workDir, `floor-${run}`)));
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
  const floor = median(floorTimes.slice(1));
  const vs = (value: number) => ratio(value, floor);
  const rows: [string, string, string][] = [
    ["node", process.version, ""],
    ["stacks", STACK_NAMES.join(", "), ""],
    ["resources per stack", Object.entries(resourceCounts).map(([name, count]) => `${name} ${count}`).join(", "), ""],
    ["floor: one VPC synthesized in-process, median", ms(floor), "1.00x"],
    ["module load (cold), against the floor's", ms(loadTime), ratio(loadTime, floorLoad)],
    ["first synth, all stacks", ms(times[0]!), vs(times[0]!)],
    [`median synth of ${warm.length} later runs`, ms(median(warm)), vs(median(warm))],
    ["fastest / slowest later run", `${ms(Math.min(...warm))} / ${ms(Math.max(...warm))}`, ""],
    [`verify ${flowCount} flows, median`, ms(median(verifyTimes.slice(1))), ""],
    ["guardrails, all stacks, median", ms(median(guardrailTimes.slice(1))), ""],
    ["synth with guardrails and limits (npm run synth's path), median", ms(median(gatedTimes.slice(1))), vs(median(gatedTimes.slice(1)))],
    ["peak resident memory", mib(process.resourceUsage().maxRSS * 1024), ""],
    ["heap used at end", mib(process.memoryUsage().heapUsed), ""],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const valueWidth = Math.max(...rows.map(([, value]) => (value.length > 24 ? 0 : value.length)));
  console.log(`in-process (${runs} runs); module load and synth as a ratio to the floor's`);
  for (const [label, value, against] of rows) {
    console.log(`  ${label.padEnd(width)}  ${value.padStart(valueWidth)}  ${against}`.trimEnd());
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

type EditableJson = { resource: Record<string, Record<string, Record<string, unknown>>> };

/** A change on one consumer's or spoke's side: its SSH rule opened to everyone. */
function widenMiddleSsh(json: EditableJson): void {
  const rules = Object.entries(json.resource["aws_vpc_security_group_ingress_rule"] ?? {}).filter(([, rule]) => rule["from_port"] === 22);
  Object.assign(rules[Math.floor(rules.length / 2)]![1], { cidr_ipv4: "0.0.0.0/0", referenced_security_group_id: undefined });
}

/** A change on the service's side, which every consumer's flows cross. */
function moveListeners(json: EditableJson): void {
  for (const listener of Object.values(json.resource["aws_lb_listener"] ?? {})) listener["port"] = 8080;
}

/**
 * The review of one change against verifying both sides: a client's SSH rule widened in
 * the middle consumer or spoke (opens flows, some of them must-not), and for PrivateLink
 * the service's listeners moved (closes every consumer's flow).
 */
async function benchReview(): Promise<void> {
  const { App } = await import("cdktf");
  const { assertValidConfig, mergeOverrides } = await import("../topologies/project-config");
  const { topologyOf } = await import("../topologies/registry");
  const { buildNetworkModel } = await import("../reachability/build-model");
  const { expandFlows } = await import("../reachability/flows");
  const { readTerraformJson } = await import("../terraform-json/read");
  const { verifyStack } = await import("../reachability/verify");
  const { reviewStack } = await import("../review/review");
  const { renderStackMarkdown } = await import("../review/render");
  const service = {
    subnets: [
      { name: "shared-private-a", cidr: "172.16.1.0/24", availabilityZone: "apne1-az4" },
      { name: "shared-private-c", cidr: "172.16.2.0/24", availabilityZone: "apne1-az1" },
    ],
  };
  const table: string[][] = [["stack: change", "count", "2 verify runs", "review", "ratio", "compared", "opened/closed", "heap used", "markdown"]];
  const workDir = mkdtempSync(join(tmpdir(), "privnet-bench-review-"));
  try {
    for (const [stack, settingsOf] of [
      ["privatelink", (count: number) => ({ privatelink: { service, consumers: consumers(count) } })],
      ["endpoint-sharing", (count: number) => ({ endpointSharing: { spokes: spokes(count) } })],
    ] as const) {
      const topology = topologyOf(stack)!;
      for (const count of [1, 10, 100]) {
        const config = mergeOverrides(settingsOf(count), "bench");
        assertValidConfig(config, "bench");
        const outdir = join(workDir, `${stack}-${count}`);
        const app = new App({ outdir });
        topology.build(app, config as never);
        app.synth();
        const base = readTerraformJson(join(outdir, "stacks", stack, "cdk.tf.json"));
        const changes: ReadonlyArray<readonly [string, (json: EditableJson) => void]> =
          stack === "privatelink" ? [["SSH widened", widenMiddleSsh], ["listener moved", moveListeners]] : [["SSH widened", widenMiddleSsh]];
        for (const [change, edit] of changes) {
          const head = structuredClone(base) as unknown as EditableJson;
          edit(head);
          const flows = topology.flows(config as never);
          const verifyStart = performance.now();
          verifyStack(stack, buildNetworkModel(base, stack), flows);
          verifyStack(stack, buildNetworkModel(head as never, stack), flows);
          const verifyTime = performance.now() - verifyStart;
          collectGarbage();
          const heapBefore = process.memoryUsage().heapUsed;
          const start = performance.now();
          const side = (json: typeof base) => {
            const model = buildNetworkModel(json, stack);
            return { json, model, declared: expandFlows(model, flows), flowsDeclared: true };
          };
          const result = reviewStack(stack, side(base), side(head as never));
          const markdown = renderStackMarkdown(result);
          const elapsed = performance.now() - start;
          const heapUsed = process.memoryUsage().heapUsed - heapBefore;
          table.push([`${stack}: ${change}`, String(count), ms(verifyTime), ms(elapsed), ratio(elapsed, verifyTime), String(result.flowsCompared), `${result.opened.length}/${result.closed.length}`, mib(heapUsed), `${markdown.length} chars`]);
        }
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  console.log("\nreview of one change against verifying both sides (goal at 100: at most 3x, under 300 MB; heap used before garbage collection)");
  for (const row of table) console.log(`  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ")}`);
}
