import { runCli } from "./run-cli";
import { skipTokenTraces } from "./token-traces";

// Every subcommand that synthesizes does so as synth does.
skipTokenTraces();

// npm runs scripts in the project folder and says in INIT_CWD where it was started: file arguments are relative to that.
const context = { cwd: process.env["INIT_CWD"] ?? process.cwd(), projectDir: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr };
runCli(process.argv.slice(2), context).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`privnet ${process.argv[2] ?? ""} could not run: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
