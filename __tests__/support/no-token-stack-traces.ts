/**
 * The tests synthesize without cdktf's token creation traces, as synth does
 * (src/cli/token-traces.ts); vitest's own traces, which point at a failing assertion,
 * are untouched.
 */
import { skipTokenTraces } from "../../src/cli/token-traces";

skipTokenTraces();
