import { describe, expect, it } from 'vitest'
import { checkOverride, overrideKind } from '../../src-renderer/lib/build-override'

describe('a build’s override', () => {
  it('is a target for docker-hub and registry sources, a tarball for docker-file ones, nothing else', () => {
    expect(overrideKind('docker-hub')).toBe('target')
    expect(overrideKind('docker-registry')).toBe('target')
    expect(overrideKind('docker-file')).toBe('targz')
    expect(overrideKind('cycle-upload')).toBeNull()
    expect(overrideKind(undefined)).toBeNull()
  })

  it('sends only the field the origin takes, trimmed; a blank one is no override', () => {
    const typed = { target: ' library/nginx:1.27 ', targz_url: 'https://x.example/a.tar.gz' }
    expect(checkOverride('docker-hub', typed)).toEqual({
      override: { target: 'library/nginx:1.27' },
      errors: {}
    })
    expect(checkOverride('docker-file', typed)).toEqual({
      override: { targz_url: 'https://x.example/a.tar.gz' },
      errors: {}
    })
    expect(checkOverride('docker-hub', { target: '  ', targz_url: '' })).toEqual({ errors: {} })
    expect(checkOverride('none', typed)).toEqual({ errors: {} })
  })

  it('says what the agent would refuse, by the contract’s rules', () => {
    expect(
      checkOverride('docker-file', { target: '', targz_url: 'ftp://x/a.tar.gz' }).errors
    ).toEqual({ targz_url: 'the tarball address starts with https://' })
    expect(checkOverride('docker-file', { target: '', targz_url: 'nope' }).errors.targz_url).toBe(
      'the tarball address is a URL'
    )
    expect(checkOverride('docker-hub', { target: 'a b:1', targz_url: '' }).errors).toEqual({
      target: 'a target looks like library/nginx:1.27'
    })
  })
})
