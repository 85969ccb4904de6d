import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { describe, expect, it } from 'vitest'
import App from '../../src-renderer/App.svelte'
import { account, cycleAccount, fakeApi, job, ok, type Handler } from './fake-transport'

const queued = job('j-src', {
  accountId: 'hub-2',
  action: 'source.create',
  target: 'web',
  title: 'Create image source web (second)',
  subject: { view: 'cycle-sources' }
})

async function openDialog(handlers: Record<string, Handler>) {
  const fake = fakeApi(handlers)
  render(App, { api: fake.api })
  await fireEvent.click(await screen.findByTestId('nav-cycle-sources'))
  await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(2))
  await fireEvent.click(screen.getByTestId('new-source'))
  return { fake, dialog: await screen.findByTestId('new-source-dialog') }
}

describe('the New image source dialog', () => {
  it('lets the user pick the hub, says it waits for an offline one, and queues the job', async () => {
    const down = { state: 'offline' as const, since: 1, reason: 'ECONNREFUSED', retryAt: null }
    const { fake, dialog } = await openDialog({
      'accounts.list': () =>
        ok([
          account(),
          cycleAccount(),
          cycleAccount({ id: 'hub-2', name: 'second', status: down })
        ]),
      'cycleSources.create': () => ok({ ...queued, alreadyQueued: false })
    })
    const hub = within(dialog).getByTestId('cycle-account') as HTMLSelectElement
    expect(within(dialog).queryByTestId('queued-offline-note')).toBeNull()
    await fireEvent.change(hub, { target: { value: 'hub-2' } })
    await waitFor(() =>
      expect(
        within(dialog).getByTestId('queued-offline-note').textContent?.replace(/\s+/g, ' ').trim()
      ).toBe('second is offline: this will run when it is back.')
    )
    await fireEvent.input(within(dialog).getByTestId('source-name'), { target: { value: ' web ' } })
    await fireEvent.input(within(dialog).getByTestId('source-target'), {
      target: { value: 'library/nginx:1.27' }
    })
    await fireEvent.click(screen.getByTestId('source-submit'))
    await waitFor(() => expect(screen.queryByTestId('new-source-dialog')).toBeNull())
    expect(fake.transport.calls.find((c) => c.method === 'cycleSources.create')?.input).toEqual({
      accountId: 'hub-2',
      name: 'web',
      origin: { type: 'docker-hub', target: 'library/nginx:1.27' }
    })
    // The job shows beside the button that asked for it, and the toast says it was queued.
    await waitFor(() =>
      expect(screen.getByTestId('job-in-place-words').textContent).toBe('Create queued')
    )
    expect(screen.getByText('Queued: Create image source web (second)')).toBeTruthy()
  })

  it('sends nothing while a field is wrong, and says which', async () => {
    const { fake, dialog } = await openDialog({
      'accounts.list': () => ok([cycleAccount()])
    })
    // One hub: nothing to choose.
    expect(within(dialog).queryByTestId('cycle-account')).toBeNull()
    await fireEvent.click(within(dialog).getByTestId('source-origin-registry'))
    await fireEvent.input(within(dialog).getByTestId('source-url'), {
      target: { value: 'ftp://ghcr.io' }
    })
    expect(within(dialog).getByTestId('source-url-error').textContent).toBe(
      'The registry address starts with https://'
    )
    await fireEvent.click(screen.getByTestId('source-submit'))
    expect(within(dialog).getByTestId('source-name-error').textContent).toBe(
      'Give the image source a name'
    )
    expect(within(dialog).getByTestId('source-target-error').textContent).toMatch(
      /^Name the image to pull/
    )
    expect(fake.transport.calls.some((c) => c.method === 'cycleSources.create')).toBe(false)
  })

  it('shows the agent’s refusal in the dialog', async () => {
    const { dialog } = await openDialog({
      'accounts.list': () => ok([cycleAccount()]),
      'cycleSources.create': () => ({
        ok: false,
        error: { code: 'invalid-request', message: 'hub is not a cycle account', retryable: false }
      })
    })
    await fireEvent.input(within(dialog).getByTestId('source-name'), { target: { value: 'web' } })
    await fireEvent.input(within(dialog).getByTestId('source-target'), {
      target: { value: 'nginx' }
    })
    await fireEvent.click(screen.getByTestId('source-submit'))
    await waitFor(() =>
      expect(within(dialog).getByTestId('source-error').textContent).toBe(
        'hub is not a cycle account'
      )
    )
  })
})
