/**
 * The resources a refresh of the applied state still finds, from `terraform state list`:
 * the provider reads each resource back and drops those that are gone, so whatever
 * remains is still in the emulator. Data sources are reads, not things left behind.
 */
export function stillPresent(stateList: string): string[] {
  return stateList
    .split("\n")
    .map((line) => line.trim())
    .filter((address) => address !== "" && !/(^|\.)data\./.test(address));
}
