/**
 * Why a connection could not be made, in words a user can act on: which part of a TLS handshake
 * failed (the certificate, or a server that does not speak TLS at all) rather than "fetch failed".
 * Codes are those Node's OpenSSL reports; Electron's BoringSSL words some of them differently,
 * hence the patterns on the message as well.
 */

const SELF_SIGNED = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN'])
const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_REJECTED'
])

/**
 * What OpenSSL (and BoringSSL, in its words) says when the answer to its hello is not TLS at all:
 * the first bytes of a plain HTTP or WebSocket server read as a record of a version or length
 * that cannot be.
 */
const PLAIN_CODES = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_RECORD_LAYER_FAILURE'
])
const PLAIN_WORDS = /wrong.version.number|packet.length.too.long|record.layer.failure/i

/** `code` from the error (or its `cause`), `message` likewise; undefined when nothing fits. */
export function connectFailure(
  url: string,
  code: string | undefined,
  message: string
): string | undefined {
  const c = code ?? ''
  if (SELF_SIGNED.has(c)) {
    return `${url} presents a self-signed certificate, which Berth does not trust; give the server a certificate from a trusted authority`
  }
  if (c === 'CERT_HAS_EXPIRED') {
    return `The certificate of ${url} has expired; renew it on the server`
  }
  if (c === 'CERT_NOT_YET_VALID') {
    return `The certificate of ${url} is not valid yet; check this computer’s clock`
  }
  if (c === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `The certificate of ${url} is for another host name; connect with a name the certificate lists`
  }
  if (UNTRUSTED.has(c)) {
    return `The certificate of ${url} comes from an authority this computer does not trust; install that authority or use a trusted certificate`
  }
  if (/CERT/.test(c)) {
    return `The certificate of ${url} was refused (${c}); check the server’s certificate`
  }
  if (PLAIN_CODES.has(c) || PLAIN_WORDS.test(message)) {
    const plain = url.startsWith('wss:') ? 'a ws://' : 'an http://'
    return `The server at ${url} does not speak TLS on this port (try without TLS: ${plain} address)`
  }
  if (c.startsWith('ERR_SSL_') || c === 'EPROTO') {
    return `The TLS handshake with ${url} failed (${c}); check that the address and port are the server’s TLS ones`
  }
  switch (c) {
    case 'ECONNREFUSED':
      return `Nothing is listening at ${url}`
    case 'ENOTFOUND':
      return `The host of ${url} could not be found`
    case 'ETIMEDOUT':
      return `Timed out connecting to ${url}`
    case 'ECONNRESET':
      return `${url} closed the connection before answering`
    default:
      return undefined
  }
}
