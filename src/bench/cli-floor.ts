import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

export interface CliTimes {
  /** `cdktf synth` of the floor app, each run, in ms. */
  readonly floor: number[];
  /** `cdktf synth` of this project as a user runs it (its app builds first), each run, in ms. */
  readonly project: number[];
  /** The build cdktf.json runs before the app, with nothing to build, each run, in ms. */
  readonly noOpBuild: number[];
}

function timed(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8" });
  const elapsed = performance.now() - start;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} in ${cwd} failed (${String(result.status)}): ${result.stderr || result.stdout}`);
  }
  return elapsed;
}

/**
 * Runs the cdktf CLI's synth on the floor app (floor-app.ts) and on this project in turn, `runs`
 * times each, into scratch folders, and times a no-op build of the project. Both go
 * through one CLI, one Node and one machine state, so their ratio is what the project
 * adds.
 */
export function measureCliSynth(projectDir: string, runs: number): CliTimes {
  const cli = join(projectDir, "node_modules", "cdktf-cli", "bundle", "bin", "cdktf");
  const scratch = mkdtempSync(join(tmpdir(), "privnet-bench-cli-"));
  const floorDir = join(scratch, "floor");
  try {
    mkdirSync(floorDir);
    // The floor app (floor-app.ts), prebuilt beside this module, as a project of its own.
    const floorApp = `node ${JSON.stringify(join(__dirname, "floor-app.js"))}`;
    writeFileSync(join(floorDir, "cdktf.json"), JSON.stringify({ language: "typescript", app: floorApp, terraformProviders: [], terraformModules: [], context: {} }));
    const env = { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1" };
    const times: CliTimes = { floor: [], project: [], noOpBuild: [] };
    for (let run = 0; run < runs; run += 1) {
      times.floor.push(timed(process.execPath, [cli, "synth", "--output", join(scratch, `floor-out-${run}`)], floorDir, env));
      times.project.push(timed(process.execPath, [cli, "synth", "--output", join(scratch, `project-out-${run}`)], projectDir, env));
      times.noOpBuild.push(timed(process.execPath, [join("src", "build", "build-if-stale.cjs")], projectDir, env));
    }
    return times;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
