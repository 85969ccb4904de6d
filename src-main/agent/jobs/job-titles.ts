/**
 * A job's title names what it acts on and where, so that a list of jobs reads on its own:
 * "Stop cluster dev (qbo-lab)", "Build storefront:v2 from storefront (hub)".
 */
const on = (account: string): string => ` (${account})`

export const jobTitle = {
  createCluster: (name: string, account: string) => `Create cluster ${name}${on(account)}`,
  cluster: (action: 'start' | 'stop' | 'delete', name: string, account: string) =>
    `${{ start: 'Start', stop: 'Stop', delete: 'Delete' }[action]} cluster ${name}${on(account)}`,
  /** Unnamed, Cycle names the image after its source once it exists. */
  build: (name: string | undefined, source: string, account: string) =>
    `Build ${name ?? 'a new image'} from ${source}${on(account)}`,
  import: (image: string, account: string) => `Import image ${image}${on(account)}`,
  prune: (sources: string, account: string) => `Prune unused images of ${sources}${on(account)}`,
  rename: (image: string, name: string, account: string) =>
    `Rename image ${image} to ${name}${on(account)}`,
  delete: (image: string, account: string) => `Delete image ${image}${on(account)}`,
  createSource: (name: string, account: string) => `Create image source ${name}${on(account)}`
}
