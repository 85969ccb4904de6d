/**
 * Every capability of Cycle's `Capability` enum, in the document's order: what
 * `GET /v1/hubs/capabilities` lists and what a role can grant a key.
 */
export const CAPABILITIES = [
  'external-volumes-view',
  'external-volumes-manage',
  'api-keys-manage',
  'apionly-jobs-view',
  'apionly-notifications-listen',
  'autoscale-groups-manage',
  'autoscale-groups-view',
  'billing-credits-view',
  'billing-invoices-pay',
  'billing-invoices-view',
  'billing-methods-manage',
  'billing-services-manage',
  'billing-services-view',
  'containers-backups-manage',
  'containers-backups-view',
  'containers-console',
  'containers-deploy',
  'containers-instances-migrate',
  'containers-lock',
  'containers-ssh',
  'containers-manage',
  'containers-view',
  'containers-functions-trigger',
  'containers-volumes-manage',
  'containers-volumes-view',
  'dns-certs-view',
  'dns-manage',
  'dns-view',
  'environments-deployments-manage',
  'environments-manage',
  'environments-scopedvariables-manage',
  'environments-scopedvariables-view',
  'environments-services-manage',
  'environments-view',
  'environments-vpn',
  'environments-vpn-manage',
  'hubs-delete',
  'hubs-integrations-manage',
  'hubs-integrations-view',
  'hubs-invites-manage',
  'hubs-invites-send',
  'hubs-members-manage',
  'hubs-members-view',
  'hubs-roles-manage',
  'hubs-roles-view',
  'hubs-usage-view',
  'hubs-update',
  'hubs-auditlog-view',
  'images-manage',
  'images-sources-manage',
  'images-sources-view',
  'images-view',
  'ips-manage',
  'servers-console',
  'servers-decommission',
  'servers-login',
  'clusters-manage',
  'clusters-view',
  'servers-provision',
  'servers-manage',
  'servers-view',
  'san-manage',
  'san-view',
  'monitor-manage',
  'monitor-view',
  'pipelines-manage',
  'pipelines-trigger',
  'pipelines-view',
  'sdn-networks-manage',
  'sdn-networks-view',
  'security-manage',
  'security-view',
  'stacks-builds-deploy',
  'stacks-builds-manage',
  'stacks-manage',
  'stacks-view',
  'virtual-machines-view',
  'virtual-machines-manage',
  'virtual-machines-deploy',
  'virtual-machines-console',
  'virtual-machines-lock',
  'virtual-machines-ssh-keys-manage',
  'virtual-machines-root-pw-view',
  'virtual-machines-root-pw-view-temp'
] as const

export type Capability = (typeof CAPABILITIES)[number]

/**
 * The import task's own capability. `POST /v1/images/{imageId}/tasks` says "Requires the
 * `images-import` capability", though the document's Capability enum (merged into
 * `images-manage` in 2024) no longer lists it: a key may hold it, and a refused import names it.
 */
export const IMPORT_CAPABILITY = 'images-import'

/** What a key may hold: the enum, plus the capability the import task still asks for. */
export type KeyCapability = Capability | typeof IMPORT_CAPABILITY

/** Everything a key can be granted: what a key "with every capability" holds. */
export const KEY_CAPABILITIES: readonly KeyCapability[] = [...CAPABILITIES, IMPORT_CAPABILITY]

/** What each endpoint needs, taken from the `Requires the ... capability` line of its spec. */
export const NEEDS = {
  imagesView: 'images-view',
  imagesManage: 'images-manage',
  imagesImport: IMPORT_CAPABILITY,
  sourcesView: 'images-sources-view',
  sourcesManage: 'images-sources-manage',
  jobsView: 'apionly-jobs-view',
  notificationsListen: 'apionly-notifications-listen'
} as const satisfies Record<string, KeyCapability>

// Cycle's captions are hand-written and not in the document; these are derived from the names.
const WORDS: Record<string, string> = {
  apionly: 'API-only',
  ips: 'IPs',
  san: 'SAN',
  sdn: 'SDN',
  dns: 'DNS',
  vpn: 'VPN',
  ssh: 'SSH',
  pw: 'password',
  auditlog: 'audit log',
  scopedvariables: 'scoped variables'
}

export function captionOf(capability: Capability): string {
  const words = capability.split('-').map((w) => WORDS[w] ?? w)
  const text = words.join(' ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}
