import { describe, expect, it } from 'vitest'
import { INPUT_LIMITS, methods } from '@contract'

const input = methods['cycleSources.create'].input
const hub = { type: 'docker-hub', target: 'library/nginx:1.27' }
const problem = (value: unknown): string | null => {
  const parsed = input.safeParse(value)
  return parsed.success
    ? null
    : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
}

describe('cycleSources.create input', () => {
  it('takes a Docker Hub or a registry source, trimmed', () => {
    expect(input.parse({ accountId: 'cycle:Hub', name: ' web ', origin: hub })).toEqual({
      accountId: 'cycle:Hub',
      name: 'web',
      origin: hub
    })
    const registry = {
      type: 'docker-registry',
      target: 'acme/worker@sha256:abc',
      url: 'https://ghcr.io'
    }
    expect(problem({ accountId: 'a', name: 'worker', origin: registry })).toBeNull()
  })

  it.each([
    ['an empty name', { name: '   ' }, /^name: give the image source a name/],
    ['a name with a newline', { name: 'web\nINFO forged' }, /^name: a name has no control/],
    ['an oversized name', { name: 'n'.repeat(257) }, /^name: a name is at most 256/],
    ['no target', { origin: { type: 'docker-hub', target: '' } }, /^origin.target: name the image/],
    [
      'a target with spaces or a flag',
      { origin: { type: 'docker-hub', target: '--privileged nginx' } },
      /^origin.target: an image looks like/
    ],
    [
      'an oversized target',
      { origin: { type: 'docker-hub', target: `a${'b'.repeat(INPUT_LIMITS.imageTarget)}` } },
      /^origin.target: an image is at most 512/
    ],
    [
      'a registry without its address',
      { origin: { type: 'docker-registry', target: 'acme/worker:2' } },
      /^origin.url/
    ],
    [
      'a registry address that is not a web address',
      { origin: { type: 'docker-registry', target: 'acme/worker:2', url: 'ftp://ghcr.io' } },
      /^origin.url: the registry address starts with https:\/\//
    ],
    [
      'an oversized registry address',
      {
        origin: {
          type: 'docker-registry',
          target: 'a',
          url: `https://${'r'.repeat(INPUT_LIMITS.url)}.io`
        }
      },
      /^origin.url: the registry address is at most 2048/
    ],
    [
      'an origin Berth does not create',
      { origin: { type: 'docker-file', target: 'x' } },
      /^origin.type: /
    ],
    [
      'credentials, which never pass through the page',
      { origin: { ...hub, token: 'hunter2' } },
      /^origin: Unrecognized key: "token"/
    ],
    ['an unknown field', { identifier: 'web' }, /Unrecognized key: "identifier"/]
  ])('refuses %s', (_label, change, expected) => {
    expect(problem({ accountId: 'cycle:Hub', name: 'web', origin: hub, ...change })).toMatch(
      expected
    )
  })
})
