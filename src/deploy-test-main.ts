import { runDeployTest } from "./deploy-test/run-deploy-test";

void runDeployTest({ args: process.argv.slice(2), env: process.env }).then((code) => {
  process.exitCode = code;
});
