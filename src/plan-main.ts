import { runPlan } from "./run-plan";

process.exitCode = runPlan({ args: process.argv.slice(2), cwd: process.env["INIT_CWD"] ?? process.cwd() });
