import { runDeploySelection } from "./run-deploy-selection";

// The patterns arrive through the environment, never spliced into a shell command.
const patterns = process.env["PRIVNET_DEPLOY_STACKS"];
process.exitCode = runDeploySelection({
  outdir: process.argv[2] ?? "cdktf.out",
  ...(patterns !== undefined && patterns !== "" ? { patterns } : { baseOutdir: process.argv[3] ?? "base/cdktf.out" }),
});
