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

/** What each endpoint needs, taken from the `Requires the ... capability` line of its spec. */
export const NEEDS = {
  imagesView: 'images-view',
  imagesManage: 'images-manage',
  sourcesView: 'images-sources-view',
  sourcesManage: 'images-sources-manage',
  jobsView: 'apionly-jobs-view',
  notificationsListen: 'apionly-notifications-listen'
} as const satisfies Record<string, Capability>

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
