import { existsSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "../config/errors";
import { readOverrideFile } from "../config/load";
import { stateOutputs } from "../terraform-json/state-outputs";
import { assertValidConfig, mergeOverrides } from "../topologies/project-config";
import { BUCKET_NAME_OUTPUT, localStateFile } from "../topologies/state/stack";
import { stateTopology } from "../topologies/state/topology";
import { mergeIntoConfigFile, type ConfigFileTarget } from "./config-merge";
import { EXIT, type CommandContext } from "./subcommand";

const DEPLOY_FIRST = `deploy the state stack first: npm run deploy -- ${stateTopology.stackName}`;

/**
 * `npm run config -- use-state-bucket`: the bucket the state stack created, read from
 * its local state rather than pasted from Terraform's escaped output, merged into the
 * configuration file as `merge` would merge it. The project, which names the state
 * file, is the one the configuration file sets.
 */
export function useStateBucket(target: ConfigFileTarget, context: CommandContext): number {
  let project: string;
  try {
    const config = mergeOverrides(existsSync(target.path) ? readOverrideFile(target.path, target.key) : {}, target.path);
    assertValidConfig(config, target.path);
    project = config.project;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    context.stderr.write(`${error.message}\nNothing was written to ${target.path}.\n`);
    return EXIT.cannotRun;
  }
  const stateFile = join(context.projectDir, localStateFile(project, stateTopology.stackName));
  let outputs: Record<string, unknown> | undefined;
  try {
    outputs = stateOutputs(stateFile);
  } catch (error) {
    context.stderr.write(`${(error as Error).message}; ${DEPLOY_FIRST}, or restore the file\n`);
    return EXIT.cannotRun;
  }
  const bucket = outputs?.[BUCKET_NAME_OUTPUT];
  if (outputs === undefined || typeof bucket !== "string" || bucket === "") {
    const what = outputs === undefined ? `there is no ${stateFile} (the state stack's state for project ${project})` : `${stateFile} has no ${BUCKET_NAME_OUTPUT} output`;
    context.stderr.write(`${what}: ${DEPLOY_FIRST}\n`);
    return EXIT.cannotRun;
  }
  context.stdout.write(`state.bucket = ${JSON.stringify(bucket)}, the ${BUCKET_NAME_OUTPUT} output in ${stateFile}\n`);
  return mergeIntoConfigFile(target, { state: { bucket } }, context);
}
