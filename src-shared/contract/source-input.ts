import { z } from 'zod'
import { INPUT_LIMITS } from './inputs'

/**
 * A new Cycle image source, as the "New image source" form sends it. Only public images are
 * offered: registry credentials would have to pass through the page and sit in the job's saved
 * arguments until it runs, so sources that need them are made in the Cycle portal.
 */

/** Cycle's names are free text; control characters would only garble lists and logs. */
export const SourceName = z
  .string()
  .trim()
  .min(1, 'give the image source a name')
  .max(256, 'a name is at most 256 characters')
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'a name has no control characters')

/** An image and tag as the registry names it: library/nginx:1.27, ghcr.io-style paths, @digests. */
export const SourceTarget = z
  .string()
  .trim()
  .min(1, 'name the image to pull, e.g. library/nginx:1.27')
  .max(INPUT_LIMITS.imageTarget, `an image is at most ${INPUT_LIMITS.imageTarget} characters`)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/, 'an image looks like library/nginx:1.27')

/** Where a docker-registry source pulls from: the registry's own address. */
export const RegistryUrl = z
  .string()
  .trim()
  .min(1, 'give the registry’s address, e.g. https://ghcr.io')
  .max(INPUT_LIMITS.url, `the registry address is at most ${INPUT_LIMITS.url} characters`)
  .url('the registry address is a URL, e.g. https://ghcr.io')
  .refine((u) => /^https?:\/\//.test(u), 'the registry address starts with https://')

/** The origins Berth creates: a public image on Docker Hub or on another registry. */
export const NewSourceOrigin = z.discriminatedUnion('type', [
  z.object({ type: z.literal('docker-hub'), target: SourceTarget }).strict(),
  z.object({ type: z.literal('docker-registry'), target: SourceTarget, url: RegistryUrl }).strict()
])
export type NewSourceOrigin = z.infer<typeof NewSourceOrigin>
