import { runAwsPolicies } from "./run-aws-policies";

process.exitCode = runAwsPolicies({ args: process.argv.slice(2), cwd: process.env["INIT_CWD"] ?? process.cwd() });
