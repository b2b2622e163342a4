/**
 * The managed resource instances a state holds, by address (`type.name`, `[key]`,
 * `module.` as Terraform writes them). Data sources are reads, not things left behind.
 */
export function stillPresent(stateJson: string): string[] {
  type Resource = { module?: string; mode?: string; type?: string; name?: string; instances?: { index_key?: string | number }[] };
  const state = JSON.parse(stateJson) as { resources?: Resource[] };
  return (state.resources ?? [])
    .filter((resource) => resource.mode === "managed")
    .flatMap((resource) =>
      (resource.instances ?? []).map((instance) => {
        const key = instance.index_key === undefined ? "" : `[${JSON.stringify(instance.index_key)}]`;
        return `${resource.module ? `${resource.module}.` : ""}${resource.type}.${resource.name}${key}`;
      }),
    );
}

interface UiMessage {
  readonly type?: string;
  readonly "@level"?: string;
  readonly "@message"?: string;
  readonly diagnostic?: { readonly summary?: string; readonly detail?: string };
  readonly change?: { readonly resource?: { readonly addr?: string }; readonly action?: string };
}

function uiMessages(output: string): UiMessage[] {
  return output.split("\n").flatMap((line) => {
    if (!line.trim().startsWith("{")) return [];
    try {
      return [JSON.parse(line) as UiMessage];
    } catch {
      return [];
    }
  });
}

/**
 * The resources a refresh-only plan found gone, from its machine-readable output
 * (`terraform plan -refresh-only -json`): the provider read each back and found nothing.
 */
export function deletedInRefresh(output: string): string[] {
  return uiMessages(output)
    .filter((message) => message.type === "resource_drift" && message.change?.action === "delete" && message.change.resource?.addr)
    .map((message) => message.change!.resource!.addr!);
}

/** The first error of a machine-readable Terraform output, on one line. */
export function firstJsonError(output: string): string | undefined {
  const error = uiMessages(output).find((message) => message["@level"] === "error");
  if (!error) return undefined;
  return [error.diagnostic?.summary ?? error["@message"], error.diagnostic?.detail].filter(Boolean).join(": ").replace(/\s+/g, " ").slice(0, 400);
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
