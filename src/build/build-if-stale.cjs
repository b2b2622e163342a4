// Runs before anything is compiled, so it is JavaScript: the build in front of the app
// (cdktf.json) and of every npm script. The compiler takes 0.2 s to load even with
// nothing to do; this compares every input's path, time and size with those of the
// last build that succeeded, and builds only on a difference: a file edited, restored
// with an older time, added or removed, or a build output gone. The build then is an
// incremental `tsc -p`, which compares sources by content, not by time as `tsc -b` does.
// The inputs are read before the build, so a file saved during it differs next time;
// a failed build writes no record, so the next run builds, and fails, again.
"use strict";
const { spawnSync } = require("node:child_process");
const { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

const RECORD = join("dist", ".build-inputs");
const INPUTS = ["src", "tsconfig.json", "tsconfig.build.json", "package-lock.json"];
const OUTPUTS = [join("dist", "src", "main.js"), join("dist", ".tsbuildinfo-build")];

/** One line per file under `path`: its path, time and size. */
function describe(path) {
  if (!existsSync(path)) return [`${path} absent`];
  const stat = statSync(path);
  if (!stat.isDirectory()) return [`${path} ${stat.mtimeMs} ${stat.size}`];
  return readdirSync(path).sort().flatMap((entry) => describe(join(path, entry)));
}

const inputs = INPUTS.flatMap(describe).join("\n");
const current = OUTPUTS.every((output) => existsSync(output)) && existsSync(RECORD) && readFileSync(RECORD, "utf8") === inputs;

if (!current) {
  // An incremental build emits only what changed since its record, so with outputs gone it starts over.
  if (!OUTPUTS.every((output) => existsSync(output))) rmSync(join("dist", ".tsbuildinfo-build"), { force: true });
  const tsc = join("node_modules", "typescript", "bin", "tsc");
  const build = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { stdio: "inherit" });
  if (build.status !== 0) {
    process.exit(build.status ?? 1);
  }
  writeFileSync(RECORD, inputs);
}
