import { z } from 'zod'

// Fields the public record marks as optional or release-dependent default to '' so a missing one
// is not an error; a field of the wrong type is, and the whole message is then refused.
const text = z.string().default('')

export const QboNode = z.looseObject({
  name: z.string().min(1),
  id: text,
  image: text,
  cluster: text,
  state: text,
  address: text,
  os: text,
  kernel: text,
  user: text,
  cluster_id: text
})
export type QboNode = z.infer<typeof QboNode>

export const QboImage = z.looseObject({
  name: z.string().min(1),
  registry: text,
  user: text,
  repository: text,
  image: text,
  tag: text
})
export type QboImage = z.infer<typeof QboImage>

export const QboNetwork = z.looseObject({
  name: z.string().min(1),
  id: text,
  subnet: text,
  state: text,
  user: text
})
export type QboNetwork = z.infer<typeof QboNetwork>

export const QboCluster = z.looseObject({
  name: z.string().min(1),
  id: text,
  address: text,
  control_plane: text,
  state: text,
  user: text
})
export type QboCluster = z.infer<typeof QboCluster>

export const QboPod = z.looseObject({
  name: z.string().min(1),
  id: text,
  namespace: text,
  address: text,
  status: text,
  ready: text,
  started: text,
  node: text,
  cluster: text
})
export type QboPod = z.infer<typeof QboPod>

// Ports and weights are numbers on some releases and strings on others: keep them as text.
const textOrNumber = z
  .union([z.string(), z.number()])
  .default('')
  .transform((v) => String(v))

export const QboService = z.looseObject({
  name: z.string().min(1),
  id: text,
  namespace: text,
  address: text,
  external_address: text,
  type: text,
  port_name: text,
  port_number: textOrNumber,
  target_port: textOrNumber,
  node_port: textOrNumber,
  protocol: text,
  cluster: text
})
export type QboService = z.infer<typeof QboService>

export const QboIpvs = z.looseObject({
  id: text,
  vip: text,
  vip_port: textOrNumber,
  rip: text,
  rip_port: textOrNumber,
  protocol: text,
  scheduler: text,
  forward: text,
  weight: textOrNumber,
  state: text,
  node: text,
  cluster: text
})
export type QboIpvs = z.infer<typeof QboIpvs>

export const QboOutput = z.looseObject({
  message: z.string().optional(),
  kubeconfig: z.string().optional()
})

/**
 * The envelope every message carries. Enum-like fields stay open strings: only a handful of
 * values were ever published, and an unknown one must not break the client.
 */
export const QboEnvelope = z.looseObject({
  timestamp: z.number().optional(),
  status: z.string(),
  code: z.number().int(),
  command_id: z.string().optional(),
  command_line: z.string().optional(),
  command: z.string().optional(),
  subcommand: z.string().optional(),
  apicommand: z.string().optional(),
  uuid: z.string().optional(),
  user: z.string().optional(),
  agent: z.string().optional(),
  host: z.string().optional(),
  output: z.array(QboOutput).optional()
})
export type QboEnvelope = z.infer<typeof QboEnvelope>

export const payloadSchemas = {
  nodes: z.array(QboNode),
  images: z.array(QboImage),
  networks: z.array(QboNetwork),
  clusters: z.array(QboCluster),
  pods: z.array(QboPod),
  services: z.array(QboService),
  ipvs: z.array(QboIpvs)
} as const
export type QboPayloadKind = keyof typeof payloadSchemas
