import { runVerify } from "./run-verify";

process.exitCode = runVerify({ files: process.argv.slice(2), baseDir: process.env["INIT_CWD"] ?? process.cwd() });
