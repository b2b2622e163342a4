import { runDeployTest } from "./deploy-test/run-deploy-test";

runDeployTest({ args: process.argv.slice(2), env: process.env }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`test:deploy could not run: ${(error as Error).stack ?? error}\n`);
    process.exitCode = 2;
  },
);
