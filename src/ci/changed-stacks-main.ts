import { gitHubRest } from "./github-api";
import { runChangedStacks } from "./run-changed-stacks";

const [headOutdir = "cdktf.out", baseOutdir = "base/cdktf.out"] = process.argv.slice(2);
const token = process.env["GITHUB_TOKEN"];

runChangedStacks({
  headOutdir,
  baseOutdir,
  ...(token ? { request: gitHubRest(token, process.env["GITHUB_API_URL"]) } : {}),
}).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
