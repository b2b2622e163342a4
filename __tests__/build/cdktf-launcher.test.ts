import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../support/synth";

const LAUNCHER = join(__dirname, "../../src/build/cdktf.cjs");

/** Runs the launcher with a stand-in for the cdktf CLI that reports what it was given and exits 3. */
function launch(args: readonly string[], env: NodeJS.ProcessEnv): { status: number | null; seen: { args: string[]; checkpoint: string | null } } {
  const cli = join(tempDir(), "cdktf");
  writeFileSync(cli, "console.log(JSON.stringify({ args: process.argv.slice(2), checkpoint: process.env.CHECKPOINT_DISABLE ?? null })); process.exit(3);\n");
  const result = spawnSync(process.execPath, [LAUNCHER, ...args], { encoding: "utf8", env: { ...env, PRIVNET_CDKTF_CLI: cli } });
  return { status: result.status, seen: JSON.parse(result.stdout) };
}

describe("npm run synth, diff, deploy and destroy", () => {
  const { CHECKPOINT_DISABLE: _unused, ...withoutSetting } = process.env;

  it("run the cdktf CLI with its arguments and exit code, without its checkpoint call", () => {
    expect(launch(["destroy", "state", "--auto-approve"], withoutSetting)).toEqual({ status: 3, seen: { args: ["destroy", "state", "--auto-approve"], checkpoint: "1" } });
  });

  it("leave a CHECKPOINT_DISABLE the user set alone, even an empty one", () => {
    expect(launch(["synth"], { ...withoutSetting, CHECKPOINT_DISABLE: "" }).seen.checkpoint).toBe("");
  });
});
