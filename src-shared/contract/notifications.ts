import { z } from 'zod'
import { NoticeKind } from './settings'

/** A place in the UI a notification (or a tray item) leads to. */
export const ViewTarget = z.discriminatedUnion('view', [
  z.object({ view: z.literal('jobs'), jobId: z.string().optional() }),
  z.object({ view: z.literal('clusters') }),
  z.object({ view: z.literal('cluster'), accountId: z.string(), cluster: z.string() }),
  z.object({ view: z.literal('nodes'), cluster: z.string().optional() }),
  z.object({ view: z.literal('cycle-image'), accountId: z.string(), imageId: z.string() }),
  z.object({ view: z.literal('cycle-images') }),
  z.object({ view: z.literal('cycle-sources') }),
  z.object({ view: z.literal('accounts'), accountId: z.string().optional() }),
  z.object({ view: z.literal('notifications') }),
  z.object({ view: z.literal('settings') })
])
export type ViewTarget = z.infer<typeof ViewTarget>

export const NoticeLevel = z.enum(['info', 'success', 'warning', 'error'])
export type NoticeLevel = z.infer<typeof NoticeLevel>

/** One entry of the notification history; a coalesced burst is one entry with its count. */
export const NotificationView = z.object({
  id: z.number(),
  at: z.number(),
  kind: NoticeKind,
  level: NoticeLevel,
  title: z.string(),
  body: z.string(),
  /** How many events this entry stands for ("12 images pruned" is one entry with count 12). */
  count: z.number().int().min(1),
  target: ViewTarget,
  read: z.boolean()
})
export type NotificationView = z.infer<typeof NotificationView>

export const NotificationList = z.object({
  items: z.array(NotificationView),
  unread: z.number().int().min(0)
})
export type NotificationList = z.infer<typeof NotificationList>
