import { runSynth } from "./run-synth";

process.exitCode = runSynth();
