// What `npm run synth|diff|deploy|destroy` run: the cdktf CLI, without its call to
// HashiCorp's checkpoint service (version checks and usage data). Offline that call
// only prints an error nobody can act on; online it reports the project's use of an
// archived tool. Setting CHECKPOINT_DISABLE to anything, even empty, is left alone.
"use strict";
const { spawnSync } = require("node:child_process");
const { dirname, join } = require("node:path");

const cli = process.env.PRIVNET_CDKTF_CLI || join(dirname(require.resolve("cdktf-cli/package.json")), "bundle", "bin", "cdktf");
const env = { ...process.env };
if (env.CHECKPOINT_DISABLE === undefined) env.CHECKPOINT_DISABLE = "1";
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: "inherit", env });
if (result.error) {
  process.stderr.write(`could not start the cdktf CLI (${cli}): ${result.error.message}\n`);
  process.exit(2);
}
process.exit(result.status ?? 1);
