// Runs before anything is compiled, so it is JavaScript: the build cdktf.json runs in
// front of the app. `tsc -b` alone takes about 0.2 s even with nothing to do (it loads
// the compiler to compare its records); this looks at timestamps first, and builds
// only when a source, a tsconfig or the lockfile changed since the last build that
// succeeded. A failed build writes no stamp, so the next run builds, and fails, again.
"use strict";
const { spawnSync } = require("node:child_process");
const { existsSync, readdirSync, statSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

const STAMP = join("dist", ".build-stamp");
const INPUTS = ["src", "tsconfig.json", "tsconfig.build.json", "package-lock.json"];

/** The latest change under `path`: a file's time, or a folder's (an added or removed file) and its entries'. */
function latestChange(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, entry) => Math.max(latest, latestChange(join(path, entry))), stat.mtimeMs);
}

function isCurrent() {
  return existsSync(STAMP) && Math.max(...INPUTS.map(latestChange)) < statSync(STAMP).mtimeMs;
}

if (!isCurrent()) {
  const tsc = join("node_modules", "typescript", "bin", "tsc");
  const build = spawnSync(process.execPath, [tsc, "-b", "tsconfig.build.json"], { stdio: "inherit" });
  if (build.status !== 0) {
    process.exit(build.status ?? 1);
  }
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}
