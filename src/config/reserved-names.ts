/**
 * Construct ids that shared constructs use in the scopes where configured names become
 * ids too. A configured name equal to one of them would collide, so validation refuses
 * it; tests keep these lists equal to what the constructs really create. Each topology
 * lists its own stack's ids in its `config.ts`.
 */

/** Ids inside a private network besides its subnets and their route tables. */
export const PRIVATE_NETWORK_IDS: readonly string[] = ["vpc", "default-security-group"];
