import type { ImageRow } from '@contract'
import { QboImageRef, QboName } from '@contract'

/** The image a new cluster gets unless the user picks another: qbo's well-tested node image. */
export const DEFAULT_TAG = 'v1.27.2'

export const MIN_NODES = 1
export const MAX_NODES = 50

export interface ClusterForm {
  name: string
  /** An image reference, or '' for qbo's own default. */
  image: string
  nodes: number | null
}

export interface ClusterFormErrors {
  name?: string
  image?: string
  nodes?: string
}

const sentence = (message: string): string => message.charAt(0).toUpperCase() + message.slice(1)

/** The same checks the agent runs, so a bad value is explained before anything is sent. */
export function checkClusterForm(form: ClusterForm): ClusterFormErrors {
  const errors: ClusterFormErrors = {}
  const name = QboName.safeParse(form.name)
  if (!name.success) errors.name = sentence(name.error.issues[0]?.message ?? 'Invalid name')
  if (form.image !== '') {
    const image = QboImageRef.safeParse(form.image)
    if (!image.success) errors.image = sentence(image.error.issues[0]?.message ?? 'Invalid image')
  }
  const n = form.nodes
  if (n === null || !Number.isInteger(n) || n < MIN_NODES || n > MAX_NODES)
    errors.nodes = `Use a whole number from ${MIN_NODES} to ${MAX_NODES}`
  return errors
}

export const hasErrors = (errors: object): boolean => Object.keys(errors).length > 0

/** The default image among those the account has, or '' (qbo's default) if it lacks it. */
export function defaultImage(images: readonly ImageRow[]): string {
  return images.find((i) => i.tag === DEFAULT_TAG)?.name ?? ''
}

/** One option per reference, even if the agent lists an image twice. */
export function uniqueImages(images: readonly ImageRow[]): ImageRow[] {
  const byName = new Map<string, ImageRow>()
  for (const image of images) if (!byName.has(image.name)) byName.set(image.name, image)
  return [...byName.values()]
}

/** Why a name cannot be used for a new cluster on this account, as qbo would refuse it. */
export type NameTaken = 'exists' | 'queued' | null

/**
 * Said as the name is typed: qbo refuses a second cluster of the same name (names are told apart
 * by case, as qbo does), and one already queued for creation would be refused when it runs.
 */
export function takenMessage(name: string, taken: NameTaken, accountName: string): string | null {
  if (taken === 'exists') return `${accountName} already has a cluster named ${name}`
  if (taken === 'queued')
    return `A cluster named ${name} is already queued for creation on ${accountName}`
  return null
}
