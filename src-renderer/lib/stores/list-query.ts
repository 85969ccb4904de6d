import type { ListQuery } from '../route-query'
import type { ListMethod, ResourceList, Scope, SortFieldOf } from './resource-list.svelte'

/**
 * Between a list's query state and the address's: a seed (from an address or a figure of the
 * Overview) sets the list, and the list's state is read back as the address's query.
 */

/**
 * Shows what `seed` asks for; what it leaves out goes back to how the list opens, so Back to an
 * address without filters clears those on screen. A list in a fixed order keeps its sort.
 */
export function seedList<M extends ListMethod>(
  list: ResourceList<M>,
  seed: ListQuery,
  sortable = true
): void {
  const scope: Scope = {
    ...(seed.accountId !== undefined && { accountId: seed.accountId }),
    ...(seed.cluster !== undefined && { cluster: seed.cluster })
  }
  list.narrow({
    search: seed.search ?? '',
    filters: seed.filters ?? {},
    scope,
    // The address's sort fields are checked against the contract's (lib/route-query.ts).
    sort: sortable ? (seed.sort as { field: SortFieldOf<M>; dir: 'asc' | 'desc' }) : list.sort
  })
}

/** What the user narrowed the list to, as the address says it. */
export function queryOf<M extends ListMethod>(list: ResourceList<M>, sortable = true): ListQuery {
  const { accountId, cluster } = list.scope
  return {
    ...(list.search !== '' && { search: list.search }),
    ...(accountId !== undefined && { accountId }),
    ...(cluster !== undefined && { cluster }),
    ...(Object.keys(list.filters).length > 0 && { filters: list.filters }),
    ...(sortable && list.sort && { sort: { ...list.sort } })
  }
}
