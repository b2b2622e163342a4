import { isPlainObject } from "../../config/json-object";
import type { ToolCall, ToolRunner } from "./tool-runner";

/** An AWS CLI call's answer: its JSON, or AWS's error code and the CLI's message in one line. */
export type AwsAnswer =
  | { readonly ok: true; readonly json: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly code?: string; readonly message: string; readonly notInstalled?: boolean };

/** The CLI's error in one line: `An error occurred (Code) when calling the X operation: text`, or its first line. */
function errorOf(stderr: string, stdout: string, status: number | null): { code?: string; message: string } {
  const text = `${stderr}\n${stdout}`;
  const found = /An error occurred \(([A-Za-z0-9.]+)\)[^:\n]*:\s*(.*)/.exec(text);
  if (found) return { code: found[1]!, message: `${found[1]}: ${found[2]!.trim()}` };
  const first = text
    .split("\n")
    .map((line) => line.trim())
    .find((line) => line !== "");
  return { message: first ?? `exit status ${String(status)}` };
}

/** `aws <args> --output json`, read as JSON. */
export function awsJson(run: ToolRunner, args: readonly string[], call?: ToolCall): AwsAnswer {
  const result = run("aws", [...args, "--output", "json"], call);
  if (result.startError?.code === "ENOENT") return { ok: false, notInstalled: true, message: "aws is not on PATH" };
  if (result.startError) return { ok: false, message: result.startError.message };
  if (result.status !== 0) return { ok: false, ...errorOf(result.stderr, result.stdout, result.status) };
  try {
    const json: unknown = JSON.parse(result.stdout === "" ? "{}" : result.stdout);
    return isPlainObject(json) ? { ok: true, json } : { ok: false, message: "the AWS CLI printed JSON that is not an object" };
  } catch {
    return { ok: false, message: `the AWS CLI printed no JSON: ${result.stdout.trim().slice(0, 200)}` };
  }
}

/** The major version of the AWS CLI on PATH and its version line, or why there is none. */
export function awsCliVersion(run: ToolRunner): { readonly major: number; readonly line: string } | { readonly problem: string } {
  const result = run("aws", ["--version"]);
  if (result.startError?.code === "ENOENT") return { problem: "aws is not on PATH" };
  // Version 1 prints its version on standard error, version 2 on standard output.
  const line = `${result.stdout}\n${result.stderr}`.split("\n").find((candidate) => /aws-cli\/\d+/.test(candidate))?.trim();
  const major = Number(/aws-cli\/(\d+)/.exec(line ?? "")?.[1]);
  if (line === undefined || !Number.isInteger(major)) return { problem: `\`aws --version\` printed no version (${(result.stderr || result.stdout).trim().slice(0, 120) || `exit status ${String(result.status)}`})` };
  return { major, line: line.split(" ")[0]! };
}
