import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { describe, expect, it } from 'vitest'
import App from '../../src-renderer/App.svelte'
import { deferred, fakeApi, ok, type Handler } from './fake-transport'

async function openDialog(handlers: Record<string, Handler> = {}) {
  const fake = fakeApi(handlers)
  render(App, { api: fake.api })
  await waitFor(() => expect(screen.getAllByTestId('account')).toHaveLength(1))
  await fireEvent.click(screen.getByTestId('add-account'))
  const dialog = await screen.findByRole('dialog')
  return { ...fake, dialog }
}

const field = (dialog: HTMLElement, testid: string): HTMLInputElement =>
  within(dialog).getByTestId(testid) as HTMLInputElement
const type = (dialog: HTMLElement, testid: string, value: string) =>
  fireEvent.input(field(dialog, testid), { target: { value } })

const connected = () => ok({ version: '2.4.1', user: 'alex', host: 'qbo.example.com' })

describe('Add account tabs', () => {
  it('name which tabs are qbo and which is Cycle', async () => {
    const { dialog } = await openDialog()
    const tabs = within(dialog).getAllByRole('radio')
    expect(tabs.map((t) => t.closest('label')?.textContent?.trim())).toEqual([
      'qbo server',
      'qbo CLI file',
      'Cycle hub'
    ])
  })

  it('keep each tab’s own fields: a name typed for qbo is not the hub’s', async () => {
    const { dialog } = await openDialog()
    await type(dialog, 'account-name', 'prod')
    await type(dialog, 'account-host', 'qbo.example.com')
    await fireEvent.click(field(dialog, 'account-mode-cycle'))
    expect(field(dialog, 'account-name').value).toBe('')
    await type(dialog, 'account-name', 'Hub')
    await fireEvent.click(field(dialog, 'account-mode-import'))
    expect(field(dialog, 'account-name').value).toBe('')
    // Back on a tab, what was typed there is still there.
    await fireEvent.click(field(dialog, 'account-mode-manual'))
    expect(field(dialog, 'account-name').value).toBe('prod')
    expect(field(dialog, 'account-host').value).toBe('qbo.example.com')
    await fireEvent.click(field(dialog, 'account-mode-cycle'))
    expect(field(dialog, 'account-name').value).toBe('Hub')
  })
})

describe('A connection test result', () => {
  async function tested(handlers: Record<string, Handler> = {}) {
    const opened = await openDialog({ 'accounts.test': connected, ...handlers })
    const { dialog } = opened
    await type(dialog, 'account-name', 'prod')
    await type(dialog, 'account-host', 'qbo.example.com')
    await type(dialog, 'account-token', 'tok-123')
    return opened
  }

  it('goes away when the host (or any field it tested) is edited, not the name', async () => {
    const { dialog } = await tested()
    await fireEvent.click(within(dialog).getByTestId('test-connection'))
    await within(dialog).findByTestId('connection-report')
    await type(dialog, 'account-name', 'production')
    expect(within(dialog).queryByTestId('connection-report')).not.toBeNull()
    await type(dialog, 'account-host', 'other.example.com')
    expect(within(dialog).queryByTestId('connection-report')).toBeNull()

    await fireEvent.click(within(dialog).getByTestId('test-connection'))
    await within(dialog).findByTestId('connection-report')
    await fireEvent.click(field(dialog, 'account-tls'))
    expect(within(dialog).queryByTestId('connection-report')).toBeNull()
  })

  it('is not shown when the fields changed while the test was out', async () => {
    const answer = deferred<ReturnType<typeof connected>>()
    const { dialog, transport } = await tested({ 'accounts.test': () => answer.promise })
    await fireEvent.click(within(dialog).getByTestId('test-connection'))
    await type(dialog, 'account-host', 'other.example.com')
    answer.resolve(connected())
    const button = within(dialog).getByTestId('test-connection')
    // The answer has been read once the button is free again.
    await waitFor(() => expect(button.textContent).toBe('Test connection'))
    expect(transport.callsTo('accounts.test')).toHaveLength(1)
    expect(within(dialog).queryByTestId('connection-report')).toBeNull()
  })
})
