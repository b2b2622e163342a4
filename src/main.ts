import { runSynth } from "./cli/synth";
import { skipTokenTraces } from "./cli/token-traces";

skipTokenTraces();
process.exitCode = runSynth();
