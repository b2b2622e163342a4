/**
 * cdktf records a full stack trace for every token it creates (each attribute
 * reference, each Lazy value), to name the token's origin if it ever fails to resolve.
 * Under vitest every such trace passes through the source-map lookup vitest installs
 * for its own error reports, which made token creation most of the time a test spends
 * synthesizing. Tests turn that recording off; vitest's own traces, which point at a
 * failing assertion, are untouched. Synth outside the tests keeps it.
 */
import { createRequire } from "node:module";

// The module object cdktf's own modules call through: an ES import would get a frozen copy.
const stackTrace = createRequire(__filename)("cdktf/lib/tokens/private/stack-trace") as { captureStackTrace: () => string[] };
stackTrace.captureStackTrace = () => [];
