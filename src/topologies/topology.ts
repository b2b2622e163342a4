import type { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { Issues } from "../config/checks";
import type { CommonConfig } from "../config/common";
import { validateFlowLogs, type WithFlowLogs } from "../config/flow-logs";
import type { StackFlows } from "../reachability/flows";

/**
 * Everything the app and the tools need to know about one topology. Each folder under
 * `src/topologies/` exports one; `registry.ts` lists them, and nothing else keeps a list
 * of stacks.
 */
export interface Topology<Name extends string, Section extends string, Settings, Config extends CommonConfig = CommonConfig> {
  /** The stack's name: its cdktf stack id, its `cdktf.out/stacks/<name>` folder, what `cdktf deploy <name>` takes. */
  readonly stackName: Name;
  /** Its key in the configuration file, when it has settings of its own. */
  readonly section?: Section;
  /** Every setting of the section at its article default, optional ones listed as `undefined`. */
  readonly defaults?: Settings;
  /** Element shapes of the section's lists whose default is empty, keyed `section.path[].list`. */
  readonly emptyListElements?: Readonly<Record<string, unknown>>;
  /** Pushes one issue per broken rule; the keys it names are full paths (`peering.accepter.cidr`). */
  validate(issues: Issues, config: Config): void;
  /** Adds the stack to the app, with `stackName` as its id. */
  build(scope: Construct, config: Config): TerraformStack;
  /** The traffic the stack is for, which `npm run verify` checks on its synthesized JSON. */
  flows(config: Config): StackFlows;
}

/** A topology whose configuration is the common keys plus its own section. */
export type SectionTopology<Name extends string, Section extends string, Settings> = Topology<Name, Section, Settings, CommonConfig & { readonly [K in Section]: Settings }> & {
  readonly section: Section;
  readonly defaults: Settings;
};

/** What a network topology gives the registry; `sectionTopology` adds what every one shares. */
export interface SectionTopologyParts<Name extends string, Section extends string, Settings extends WithFlowLogs> {
  readonly stackName: Name;
  readonly section: Section;
  readonly defaults: Settings;
  readonly emptyListElements?: Readonly<Record<string, unknown>>;
  /** The section's own checks; the flow log settings every network section has are checked here. */
  validateSection(issues: Issues, settings: Settings, region: string): void;
  readonly Stack: new (scope: Construct, id: string, props: { readonly config: CommonConfig & { readonly [K in Section]: Settings } }) => TerraformStack;
  flows(config: CommonConfig & { readonly [K in Section]: Settings }): StackFlows;
}

/** A network topology's registry entry: its checks plus its section's flow logs, its stack under its own name. */
export function sectionTopology<Name extends string, Section extends string, Settings extends WithFlowLogs>(
  parts: SectionTopologyParts<Name, Section, Settings>,
): SectionTopology<Name, Section, Settings> {
  return {
    stackName: parts.stackName,
    section: parts.section,
    defaults: parts.defaults,
    ...(parts.emptyListElements === undefined ? {} : { emptyListElements: parts.emptyListElements }),
    validate(issues, config) {
      const settings = config[parts.section];
      parts.validateSection(issues, settings, config.region);
      validateFlowLogs(issues, `${parts.section}.flowLogs`, settings.flowLogs);
    },
    build: (scope, config) => new parts.Stack(scope, parts.stackName, { config }),
    flows: parts.flows,
  };
}
