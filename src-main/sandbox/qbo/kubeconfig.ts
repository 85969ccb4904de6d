import { createHash } from 'node:crypto'
import type { QboCluster } from './types'

/**
 * Bytes derived from the cluster id, so that asking twice gives the same kubeconfig while two
 * clusters never share credentials.
 */
function derived(cluster: QboCluster, purpose: string, length: number): Buffer {
  const out: Buffer[] = []
  for (let i = 0; Buffer.concat(out).length < length; i++) {
    out.push(createHash('sha256').update(`${purpose}:${cluster.id}:${i}`).digest())
  }
  return Buffer.concat(out).subarray(0, length)
}

/** A PEM-shaped certificate: looks right to a human, is not a parseable X.509 certificate. */
function fakeCertificate(cluster: QboCluster): string {
  const body = derived(cluster, 'ca', 570).toString('base64')
  const lines = body.match(/.{1,64}/g) ?? []
  return ['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----', ''].join('\n')
}

/** What `qbo get cluster NAME -k` returns: a kubectl config for the cluster's API server. */
export function kubeconfigFor(cluster: QboCluster): string {
  const ca = Buffer.from(fakeCertificate(cluster)).toString('base64')
  const token = `sandbox.${derived(cluster, 'token', 24).toString('hex')}`
  const user = `${cluster.name}-admin`
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- cluster:',
    `    certificate-authority-data: ${ca}`,
    `    server: https://${cluster.address}:6443`,
    `  name: ${cluster.name}`,
    'contexts:',
    '- context:',
    `    cluster: ${cluster.name}`,
    `    user: ${user}`,
    `  name: ${cluster.name}`,
    `current-context: ${cluster.name}`,
    'preferences: {}',
    'users:',
    `- name: ${user}`,
    '  user:',
    `    token: ${token}`,
    ''
  ].join('\n')
}
