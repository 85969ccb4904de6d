import { Notification } from 'electron'
import type { NotificationView } from '@contract'

export interface NotifierHost {
  /** The user clicked the toast: show what it is about, and count it as read. */
  opened(entry: NotificationView): void
}

/** Native toasts for history entries the agent marked for showing. */
export class Notifier {
  // Electron drops click handlers of notifications that were garbage-collected: hold them.
  private readonly live = new Set<Notification>()

  constructor(
    private readonly host: NotifierHost,
    private readonly icon?: string
  ) {}

  show(entry: NotificationView): void {
    if (!Notification.isSupported()) return
    const toast = new Notification({
      title: entry.title,
      body: entry.body,
      silent: entry.level === 'info' || entry.level === 'success',
      ...(this.icon ? { icon: this.icon } : {})
    })
    toast.on('click', () => {
      this.host.opened(entry)
      this.live.delete(toast)
    })
    toast.on('close', () => this.live.delete(toast))
    this.live.add(toast)
    toast.show()
  }
}
