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

export interface ManagedResource {
  readonly address: string;
  readonly type: string;
  readonly values: Record<string, unknown>;
}

/** The managed resources of a `terraform show -json` state, in child modules too. */
export function managedResources(state: unknown): ManagedResource[] {
  const found: ManagedResource[] = [];
  type Module = { resources?: (ManagedResource & { mode?: string })[]; child_modules?: Module[] };
  const visit = (module: Module | undefined) => {
    for (const resource of module?.resources ?? []) if (resource.mode === "managed") found.push({ address: resource.address, type: resource.type, values: resource.values ?? {} });
    for (const child of module?.child_modules ?? []) visit(child);
  };
  visit((state as { values?: { root_module?: Module } } | undefined)?.values?.root_module);
  return found;
}
