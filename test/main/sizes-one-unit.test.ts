// One unit for sizes: the sandbox's build log says an image's size as Berth's lists show it
// (decimal MB, 10^6 bytes, the way Docker counts), not 200.2 "MB" of 2^20 bytes beside 210 MB.
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { formatBytes } from '../../src-renderer/lib/format'
import { stepLog } from '../../src-main/sandbox/cycle/catalog'

const sizeLine = (size: number): string | undefined =>
  stepLog(3, {
    imageId: 'img',
    origin: { type: 'docker-hub', details: { target: 'nginx:latest' } },
    target: 'nginx:latest',
    args: {},
    size,
    rand: () => 0.5
  }).find((line) => line.startsWith('Image size'))

it('says an image’s size in the build log exactly as the image list shows it', () => {
  expect(sizeLine(209_952_358)).toBe('Image size 210 MB')
  expect(formatBytes(209_952_358)).toBe('210 MB')
  fc.assert(
    fc.property(fc.integer({ min: 1_000_000, max: 999_000_000 }), (size) => {
      expect(sizeLine(size)).toBe(`Image size ${formatBytes(size)}`)
    })
  )
})
