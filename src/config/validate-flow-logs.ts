import { checkOneOf, type Issues } from "./checks";
import type { FlowLogsConfig } from "./types";

/** The retention periods CloudWatch Logs accepts (`PutRetentionPolicy`). */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const FLOW_LOG_TRAFFIC_TYPES = ["ALL", "ACCEPT", "REJECT"] as const;

export function validateFlowLogs(issues: Issues, key: string, flowLogs: FlowLogsConfig): void {
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(flowLogs.retentionDays)) {
    issues.push({ key: `${key}.retentionDays`, value: flowLogs.retentionDays, rule: `must be one of the periods CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(", ")}` });
  }
  checkOneOf(issues, `${key}.trafficType`, flowLogs.trafficType, FLOW_LOG_TRAFFIC_TYPES);
}
