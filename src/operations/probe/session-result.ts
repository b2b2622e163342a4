/**
 * What entering an instance gave: the script's output, or why it never ran. `blocked`
 * means the way in itself failed where the deployed model says it works (Run Command
 * undeliverable, no SSH session through the endpoint): a difference to report. `error`
 * means the probe could not try (a permission refused, a tool failing): nothing is
 * known of the network.
 */
export type SessionResult =
  | { readonly ran: true; readonly stdout: string; readonly note?: string }
  | { readonly ran: false; readonly wayIn: "blocked" | "error"; readonly evidence: string };
