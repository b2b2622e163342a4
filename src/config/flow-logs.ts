import { checkOneOf, type Issues } from "./checks";

/** Traffic a flow log records: all of it, or only what was accepted or rejected. */
export type FlowLogTrafficType = "ALL" | "ACCEPT" | "REJECT";

/**
 * VPC flow logs of one stack, to a CloudWatch Logs group per account. Off until turned on:
 * ingestion is billed per GB (docs/guardrails.md, VPC flow logs, gives the figures), and
 * many organizations already collect flow logs centrally.
 */
export interface FlowLogsConfig {
  /** Whether the stack sends flow logs; when off, the guardrails report shows the rule excepted with this reason. */
  readonly enabled: boolean;
  /** Days CloudWatch Logs keeps records: one of the periods CloudWatch accepts. A year or more meets checkov CKV_AWS_338. */
  readonly retentionDays: LogRetentionDays;
  /** What is recorded; `REJECT` records only what security groups and ACLs refused, for a fraction of the volume. */
  readonly trafficType: FlowLogTrafficType;
}

/** A section of a topology that creates VPCs. */
export interface WithFlowLogs {
  readonly flowLogs: FlowLogsConfig;
}

/** Every network topology's default: off, with the settings used once turned on. */
export const FLOW_LOGS_OFF: FlowLogsConfig = { enabled: false, retentionDays: 365, trafficType: "ALL" };

/** The retention periods CloudWatch Logs accepts (`PutRetentionPolicy`). */
export type LogRetentionDays = (typeof LOG_RETENTION_DAYS)[number];

export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const FLOW_LOG_TRAFFIC_TYPES: readonly FlowLogTrafficType[] = ["ALL", "ACCEPT", "REJECT"];

export function validateFlowLogs(issues: Issues, key: string, flowLogs: FlowLogsConfig): void {
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(flowLogs.retentionDays)) {
    issues.push({ key: `${key}.retentionDays`, value: flowLogs.retentionDays, rule: `must be one of the periods CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(", ")}` });
  }
  checkOneOf(issues, `${key}.trafficType`, flowLogs.trafficType, FLOW_LOG_TRAFFIC_TYPES);
}
