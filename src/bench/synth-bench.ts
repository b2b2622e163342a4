import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

/**
 * Synthesizes every stack in-process several times and prints figures: the time to
 * load the app's modules (what deep provider imports keep small), the first synth,
 * the median of the later ones, the offline flow verification of every stack (model
 * built from the synthesized JSON, every declared flow evaluated), peak memory, and
 * each stack's resource count.
 * Figures only; nothing here passes or fails.
 *
 *   npm run bench            # 7 runs
 *   npm run bench -- 20      # 20 runs
 */

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function main(): Promise<void> {
  const runs = Math.max(2, Number(process.argv[2] ?? 7) || 7);
  const loadStart = performance.now();
  const { buildApp, STACK_NAMES } = await import("../app");
  const { loadConfig } = await import("../config/load");
  const { readPinnedTerraformVersion } = await import("../stacks/terraform-version");
  const { buildNetworkModel } = await import("../reachability/build-model");
  const { readTerraformJson, resourceCount } = await import("../reachability/terraform-json");
  const { verifyStack } = await import("../reachability/verify");
  const { flowsFor } = await import("../stacks/stack-flows");
  const loadTime = performance.now() - loadStart;

  const config = loadConfig({ env: {} });
  const terraformVersion = readPinnedTerraformVersion();
  const workDir = mkdtempSync(join(tmpdir(), "privnet-bench-"));
  const times: number[] = [];
  const verifyTimes: number[] = [];
  let flowCount = 0;
  let resourceCounts: Record<string, number> = {};
  try {
    for (let run = 0; run < runs; run += 1) {
      const outdir = join(workDir, `run-${run}`);
      const start = performance.now();
      const app = buildApp({ config, outdir, terraformVersion });
      app.synth();
      times.push(performance.now() - start);
      const stacks = STACK_NAMES.map((name) => ({ name, json: readTerraformJson(join(outdir, "stacks", name, "cdk.tf.json")) }));
      const verifyStart = performance.now();
      const verdicts = stacks.map(({ name, json }) => verifyStack(name, buildNetworkModel(json, name), flowsFor(name, config)));
      verifyTimes.push(performance.now() - verifyStart);
      flowCount = verdicts.reduce((sum, verdict) => sum + verdict.verdicts.length, 0);
      resourceCounts = Object.fromEntries(stacks.map(({ name, json }) => [name, resourceCount(json)]));
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
    ["peak resident memory", mib(process.resourceUsage().maxRSS * 1024)],
    ["heap used at end", mib(process.memoryUsage().heapUsed)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`synth benchmark (${runs} runs, in-process)`);
  for (const [label, value] of rows) {
    console.log(`  ${label.padEnd(width)}  ${value}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
