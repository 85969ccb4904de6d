import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { describe, expect, it } from 'vitest'
import App from '../../src-renderer/App.svelte'
import { account, fakeApi, ok } from './fake-transport'
import { cycleAccount } from './fixtures'

const entry = (name: string): HTMLElement => {
  const found = screen.getAllByTestId('account').find((el) => el.textContent?.includes(name))
  if (!found) throw new Error(`no account entry for ${name}`)
  return found
}

/** The dialog's explanation, its white space as a reader sees it. */
const words = (dialog: HTMLElement): string =>
  (within(dialog).getByTestId('remove-account-words').textContent ?? '').replace(/\s+/g, ' ')

async function askToRemove(name: string): Promise<HTMLElement> {
  await fireEvent.click(within(entry(name)).getByTestId('remove-account'))
  return screen.findByRole('dialog')
}

describe('Removing an account', () => {
  it('says what goes in the words of the account’s kind: a hub has no clusters', async () => {
    const { api } = fakeApi({
      'accounts.list': () =>
        ok([account({ name: 'prod' }), cycleAccount({ name: 'Production hub', source: 'user' })])
    })
    render(App, { api })
    await waitFor(() => expect(screen.getAllByTestId('account')).toHaveLength(2))

    const hub = await askToRemove('Production hub')
    const hubWords = words(hub)
    expect(hubWords).toMatch(/saved API key\. Its images, image sources and hub jobs leave/)
    expect(hubWords).toMatch(/Nothing on the hub changes/)
    expect(hubWords).not.toMatch(/qbo|cluster/)
    await fireEvent.click(within(hub).getByRole('button', { name: 'Cancel' }))

    const qbo = await askToRemove('prod')
    expect(words(qbo)).toMatch(
      /saved credential\. Its clusters, nodes, images and networks leave .* the qbo server/
    )
  })

  it('offers no Remove for an account from the config file, and says where it comes from', async () => {
    const { api } = fakeApi({
      'accounts.list': () =>
        ok([account({ name: 'prod', source: 'config' }), account({ id: 'b', name: 'mine' })])
    })
    render(App, { api })
    await waitFor(() => expect(screen.getAllByTestId('account')).toHaveLength(2))
    expect(within(entry('prod')).queryByTestId('remove-account')).toBeNull()
    expect(within(entry('prod')).getByTestId('account-source').textContent).toBe(
      'from the config file'
    )
    // An account without a source (an older agent) is the user's own.
    expect(within(entry('mine')).queryByTestId('account-source')).toBeNull()
    expect(within(entry('mine')).getByTestId('remove-account')).toBeTruthy()
  })
})
