/**
 * Names of a PrivateLink consumer's parts (Name tags without the stack prefix). One
 * place, because the declared flows find the parts by them and validation keeps them
 * apart from configured names.
 */
export function consumerPartNames(consumer: string) {
  return { client: `${consumer}-client`, endpoint: `${consumer}-endpoint`, instanceConnect: `${consumer}-eic` };
}
