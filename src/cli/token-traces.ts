import { createRequire } from "node:module";

/** Set to 1 to have cdktf record where each token was made again, for its unresolved-token errors. */
export const TOKEN_TRACES_VARIABLE = "PRIVNET_TOKEN_TRACES";

/**
 * cdktf records a full stack trace for every token it creates (each attribute
 * reference, each Lazy value), only to name the token's origin if it ever fails to
 * resolve. That is a sixth of a cold synth here, and under vitest, which source-maps
 * every trace, most of a test's synth. Synth and the tests leave it off;
 * `PRIVNET_TOKEN_TRACES=1` turns it back on when such an error needs its origin.
 */
export function skipTokenTraces(env: NodeJS.ProcessEnv = process.env): void {
  if (env[TOKEN_TRACES_VARIABLE] === "1") return;
  // The module object cdktf's own modules call through: an ES import would get a frozen copy.
  const stackTrace = createRequire(__filename)("cdktf/lib/tokens/private/stack-trace") as { captureStackTrace: () => string[] };
  stackTrace.captureStackTrace = () => [];
}
