import { z } from 'zod'

// `include=creators` (and `integrations`), as the API documents them: the root `includes` of a
// list or one resource, keyed by kind then id. Loose, like every Cycle shape Berth reads.

const PublicAccount = z.looseObject({
  name: z.looseObject({ first: z.string(), last: z.string() }).nullish(),
  email: z.looseObject({ address: z.string() }).nullish()
})
const Named = z.looseObject({ name: z.string().nullish(), identifier: z.string().nullish() })
const byId = <S extends z.ZodType>(s: S) => z.record(z.string(), s).nullish()

export const CreatorInclude = z.looseObject({
  accounts: byId(PublicAccount),
  employees: byId(PublicAccount),
  visitors: byId(PublicAccount),
  environments: byId(Named),
  api_keys: byId(Named)
})

export const Includes = z
  .looseObject({ creators: CreatorInclude.nullish(), integrations: byId(Named) })
  .nullish()
export type Includes = z.infer<typeof Includes>

type Scope = { id: string; type: string } | null | undefined

const person = (p: z.infer<typeof PublicAccount> | undefined): string | undefined => {
  const full = [p?.name?.first, p?.name?.last].filter(Boolean).join(' ').trim()
  return full || p?.email?.address || undefined
}
const named = (n: z.infer<typeof Named> | undefined): string | undefined =>
  n?.name || n?.identifier || undefined

/** The words a list shows for who created something; the kind and id when nothing names it. */
export function creatorName(creator: Scope, includes: Includes): string {
  if (!creator) return ''
  const c = includes?.creators
  const found = (() => {
    switch (creator.type) {
      case 'account':
        return person(c?.accounts?.[creator.id])
      case 'employee': {
        const name = person(c?.employees?.[creator.id])
        return name && `${name} (Cycle)`
      }
      case 'visitor': {
        const name = person(c?.visitors?.[creator.id])
        return name && `${name} (visitor)`
      }
      case 'environment': {
        const name = named(c?.environments?.[creator.id])
        return name && `environment ${name}`
      }
      case 'api-key': {
        const name = named(c?.api_keys?.[creator.id])
        return name && `API key ${name}`
      }
      case 'platform':
      case 'platform-pipeline':
        return 'Cycle platform'
    }
    return undefined
  })()
  return found ?? `${creator.type} ${creator.id}`
}

/** The name of an included integration, by id or identifier. */
export function integrationName(ref: string | null | undefined, includes: Includes): string {
  if (!ref) return ''
  const all = includes?.integrations ?? {}
  const hit = all[ref] ?? Object.values(all).find((i) => i.identifier === ref)
  return named(hit) ?? ref
}
