import { runCli } from "./run-cli";

// npm runs scripts in the project folder and says in INIT_CWD where it was started: file arguments are relative to that.
runCli(process.argv.slice(2), { cwd: process.env["INIT_CWD"] ?? process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`privnet ${process.argv[2] ?? ""} could not run: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
