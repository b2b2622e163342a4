import { resolve } from "node:path";
import type { Issues } from "../config/checks";
import { COMMON_DEFAULTS, validateCommon, type CommonConfig } from "../config/common";
import { ConfigError, type ConfigIssue } from "../config/errors";
import type { Writer } from "../writer";
import { applyOverrides, CONFIG_FILE_VARIABLE, readOverrideFile, type LoadOptions } from "../config/load";
import type { SectionTopology } from "./topology";
import { TOPOLOGIES, type AnyTopology } from "./registry";

type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;
type SectionOf<T> = T extends SectionTopology<string, infer Key, infer Settings> ? { readonly [K in Key]: Settings } : never;

/** The whole configuration: the common keys plus one section per topology that has settings. */
export type ProjectConfig = CommonConfig & UnionToIntersection<SectionOf<AnyTopology>>;

/** The articles' values, put together from the common defaults and each topology's. */
export const DEFAULT_CONFIG: ProjectConfig = Object.freeze({
  ...COMMON_DEFAULTS,
  ...Object.fromEntries(TOPOLOGIES.flatMap((topology) => (topology.section === undefined ? [] : [[topology.section, topology.defaults]]))),
}) as ProjectConfig;

/** Element shapes of every list whose default is empty, for the override loader. */
export const EMPTY_LIST_ELEMENTS: Readonly<Record<string, unknown>> = Object.assign({}, ...TOPOLOGIES.map((topology) => topology.emptyListElements ?? {}));

export function findConfigIssues(config: ProjectConfig): ConfigIssue[] {
  const issues: Issues = [];
  validateCommon(issues, config);
  for (const topology of TOPOLOGIES) {
    topology.validate(issues, config);
  }
  return issues;
}

/** Stops synth, before any construct exists, when any rule is broken. */
export function assertValidConfig(config: ProjectConfig, source: string): void {
  const issues = findConfigIssues(config);
  if (issues.length > 0) {
    throw new ConfigError(issues, source);
  }
}

/** An override object laid over the defaults, every bad key reported at once; not yet validated. */
export function mergeOverrides(override: unknown, source: string, base: ProjectConfig = DEFAULT_CONFIG): ProjectConfig {
  return applyOverrides(override, source, base, EMPTY_LIST_ELEMENTS) as ProjectConfig;
}

/**
 * The validated configuration: the article defaults, overlaid with the file named by
 * `PRIVNET_CONFIG` when it is set. Throws `ConfigError` on any broken rule.
 */
export function loadConfig(options: LoadOptions = {}): ProjectConfig {
  const env = options.env ?? process.env;
  const file = env[CONFIG_FILE_VARIABLE];
  if (file === undefined || file === "") {
    assertValidConfig(DEFAULT_CONFIG, "article defaults");
    return DEFAULT_CONFIG;
  }
  const path = resolve(options.cwd ?? process.cwd(), file);
  const config = mergeOverrides(readOverrideFile(path), path);
  assertValidConfig(config, path);
  return config;
}

/** The configuration, or undefined after printing what is wrong with it. */
export function loadConfigOrSay(options: LoadOptions, stderr: Writer): ProjectConfig | undefined {
  try {
    return loadConfig(options);
  } catch (error) {
    if (error instanceof ConfigError) {
      stderr.write(`${error.message}\n`);
      return undefined;
    }
    throw error;
  }
}
