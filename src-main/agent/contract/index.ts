import { z } from 'zod'
import { AccountView, ClusterSummary, ImageRow, NetworkRow, NodeRow } from './records'
import { ImageQuery, NetworkQuery, NodeQuery, pageOf } from './queries'

export * from './result'
export * from './records'
export * from './queries'

const none = z.object({}).strict().default({})
const accountRef = z.object({ accountId: z.string().min(1) }).strict()

/**
 * Every method the renderer may call. The shell's IPC router and the headless bridge both serve
 * exactly this map; inputs are validated against `input` at the boundary.
 */
export const methods = {
  'accounts.list': { input: none, output: z.array(AccountView) },
  /** Reconnect now: resets backoff (also after an authentication failure) and resyncs. */
  'accounts.reconnect': { input: accountRef, output: z.null() },
  /** Refresh now (one account or all); resolves when the refresh has ended. */
  'accounts.refresh': {
    input: z
      .object({ accountId: z.string().min(1).optional() })
      .strict()
      .default({}),
    output: z.null()
  },
  'nodes.list': { input: NodeQuery, output: pageOf(NodeRow) },
  'nodes.clusters': {
    input: z
      .object({ accountId: z.string().min(1).optional() })
      .strict()
      .default({}),
    output: z.array(ClusterSummary)
  },
  'images.list': { input: ImageQuery, output: pageOf(ImageRow) },
  'networks.list': { input: NetworkQuery, output: pageOf(NetworkRow) }
} as const

export type Methods = typeof methods
export type MethodName = keyof Methods
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>

export const ResourceKind = z.enum(['nodes', 'images', 'networks'])
export type ResourceKind = z.infer<typeof ResourceKind>

/** Everything the agent pushes to the renderer. */
export const AgentEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('account'), account: AccountView }),
  z.object({ type: z.literal('changed'), accountId: z.string(), kind: ResourceKind })
])
export type AgentEvent = z.infer<typeof AgentEvent>

export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.hasOwn(methods, name)
