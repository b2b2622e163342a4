import { runGuardrails } from "./run-guardrails";

process.exitCode = runGuardrails({ files: process.argv.slice(2), baseDir: process.env["INIT_CWD"] ?? process.cwd() });
