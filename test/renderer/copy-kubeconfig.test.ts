import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { afterEach, describe, expect, it, vi } from 'vitest'
import App from '../../src-renderer/App.svelte'
import { fakeApi, offlineKubeconfig, flushPromises, ok, type Handler } from './fake-transport'

const KUBECONFIG = 'apiVersion: v1\nkind: Config\n'

/** A clipboard that takes what is written to it, or refuses (no permission). */
function stubClipboard(refuse = false) {
  const writeText = vi.fn(async (_text: string) => {
    if (refuse) throw new DOMException('Write permission denied.', 'NotAllowedError')
  })
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
  return writeText
}

afterEach(() => {
  Reflect.deleteProperty(navigator, 'clipboard')
})

/** Opens cluster-1's detail from the Clusters table. */
async function openDetail(handlers: Record<string, Handler> = {}) {
  const fake = fakeApi(handlers)
  render(App, { api: fake.api })
  await fireEvent.click(screen.getByTestId('nav-clusters'))
  await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(2))
  await fireEvent.click(
    within(screen.getAllByTestId('row')[0]!).getByRole('button', { name: 'cluster-1' })
  )
  await screen.findByTestId('cluster-state')
  return fake
}

describe('Copy kubeconfig', () => {
  it('writes the server’s kubeconfig to the clipboard and says so in a toast', async () => {
    const writeText = stubClipboard()
    const { transport } = await openDetail({
      'clusters.kubeconfig': () => ok({ kubeconfig: KUBECONFIG })
    })
    await fireEvent.click(screen.getByTestId('copy-kubeconfig'))
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(KUBECONFIG))
    expect(transport.callsTo('clusters.kubeconfig')).toEqual([
      { accountId: 'acc-1', cluster: 'cluster-1' }
    ])
    const toast = await screen.findByTestId('toast')
    expect(toast.textContent).toContain('Kubeconfig of cluster-1 copied')
    expect(screen.queryByTestId('cluster-action-error')).toBeNull()
  })

  it('says why, as Save does, when the account is offline, and copies nothing', async () => {
    const writeText = stubClipboard()
    await openDetail(offlineKubeconfig())
    await waitFor(() => expect(screen.getByTestId('account').dataset.state).toBe('offline'))
    await fireEvent.click(screen.getByTestId('copy-kubeconfig'))
    const error = await screen.findByTestId('cluster-action-error')
    expect(error.textContent).toContain(
      'Cannot get the kubeconfig while sandbox is offline: it comes from the qbo server.'
    )
    await flushPromises()
    expect(writeText).not.toHaveBeenCalled()
    expect(screen.queryByTestId('toast')).toBeNull()
  })

  it('says so when the page may not write to the clipboard', async () => {
    stubClipboard(true)
    await openDetail({ 'clusters.kubeconfig': () => ok({ kubeconfig: KUBECONFIG }) })
    await fireEvent.click(screen.getByTestId('copy-kubeconfig'))
    const error = await screen.findByTestId('cluster-action-error')
    expect(error.textContent).toContain('Could not copy the kubeconfig of cluster-1')
    expect(screen.queryByTestId('toast')).toBeNull()
  })
})
