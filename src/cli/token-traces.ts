import { createRequire } from "node:module";

/** Set to 1 to have cdktf record where each token was made again, for its unresolved-token errors. */
export const TOKEN_TRACES_VARIABLE = "PRIVNET_TOKEN_TRACES";

/** What cdktf prints as a token's origin while recording is off: how to get the real one. */
export const TRACES_OFF = Object.freeze([`(token traces are off; run again with ${TOKEN_TRACES_VARIABLE}=1 to see where this token was made)`]);

/**
 * cdktf records a full stack trace for every token it creates (each attribute
 * reference, each Lazy value), only to name the token's origin if it ever fails to
 * resolve. That is a sixth of a cold synth here, and under vitest, which source-maps
 * every trace, most of a test's synth. Synth, the CLI and the tests leave it off, and
 * such an error says how to turn it back on (`PRIVNET_TOKEN_TRACES=1`).
 */
export function skipTokenTraces(env: NodeJS.ProcessEnv = process.env): void {
  if (env[TOKEN_TRACES_VARIABLE] === "1") return;
  let stackTrace: { captureStackTrace: () => readonly string[] };
  try {
    // The module object cdktf's own modules call through: an ES import would get a frozen copy.
    stackTrace = createRequire(__filename)("cdktf/lib/tokens/private/stack-trace");
  } catch {
    // Another cdktf release laid its files out differently: keep its traces rather than fail synth.
    return;
  }
  stackTrace.captureStackTrace = () => TRACES_OFF;
}
