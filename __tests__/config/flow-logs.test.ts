import { describe, it } from "vitest";
import { expectOneIssue } from "../support/config-issues";

describe("flow log settings", () => {
  it("refuses a retention CloudWatch Logs does not offer, naming the stack's key", () => {
    expectOneIssue({ endpointSharing: { flowLogs: { enabled: true, retentionDays: 10 } } }, "endpointSharing.flowLogs.retentionDays", 10, /must be one of the periods CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30,/);
  });

  it("refuses a traffic type other than ALL, ACCEPT or REJECT", () => {
    expectOneIssue({ albPeering: { flowLogs: { trafficType: "DENY" } } }, "albPeering.flowLogs.trafficType", "DENY", /must be one of "ALL", "ACCEPT", "REJECT"/);
  });
});
