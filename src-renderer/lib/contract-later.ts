import type * as Contract from '@contract'

type ContractModule = typeof Contract

// The contract's code is mostly zod and its schemas, and nothing the first rows need: it comes
// in its own chunk, fetched as the views load (see the settings store) or when something needs
// it first (an event to check, a form's checks).
let loaded: ContractModule | null = null
let loading: Promise<ContractModule> | null = null

function load(): Promise<ContractModule> {
  loading ??= import('@contract').then((contract) => (loaded = contract))
  return loading
}

/** Fetches the contract now (it is needed soon, and must not be waited for then). */
export function preloadContract(): void {
  void load()
}

/** Runs `use` with the contract: at once when it has arrived, else once it has. */
export function withContract<T>(use: (contract: ContractModule) => T): T | Promise<T> {
  return loaded ? use(loaded) : load().then(use)
}
