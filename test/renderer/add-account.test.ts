import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { describe, expect, it } from 'vitest'
import type { AccountView } from '@contract'
import App from '../../src-renderer/App.svelte'
import {
  account,
  deferred,
  failure,
  fakeApi,
  flushPromises,
  ok,
  type Handler
} from './fake-transport'

const CLI_FILE = JSON.stringify({
  qbo_host: 'qbo.example.com',
  qbo_port: 443,
  qbo_uid: 'secret-uid',
  qbo_user: 'alex'
})

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

async function fillManual(dialog: HTMLElement): Promise<void> {
  await fireEvent.input(field(dialog, 'account-name'), { target: { value: ' prod ' } })
  await fireEvent.input(field(dialog, 'account-host'), { target: { value: 'qbo.example.com' } })
  await fireEvent.input(field(dialog, 'account-port'), { target: { value: '8443' } })
  await fireEvent.input(field(dialog, 'account-token'), { target: { value: 'tok-123' } })
}

async function pickFile(dialog: HTMLElement, text: string): Promise<void> {
  const file = new File([text], 'cli.json', { type: 'application/json' })
  await fireEvent.change(field(dialog, 'account-file'), { target: { files: [file] } })
}

describe('Add account', () => {
  it('has host-and-token defaults: port 443, TLS on, a password field', async () => {
    const { dialog } = await openDialog()
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(field(dialog, 'account-port').value).toBe('443')
    expect(field(dialog, 'account-tls').checked).toBe(true)
    expect(field(dialog, 'account-token').type).toBe('password')
    expect(document.activeElement).toBe(field(dialog, 'account-name'))
  })

  it('checks the fields inline before sending anything', async () => {
    const { dialog, transport } = await openDialog()
    await fireEvent.input(field(dialog, 'account-host'), {
      target: { value: 'https://qbo.example.com' }
    })
    await fireEvent.click(within(dialog).getByTestId('save-account'))
    expect(dialog.textContent).toContain('Give the account a name')
    expect(dialog.textContent).toContain('A host name or IP address, without scheme or port')
    expect(dialog.textContent).toContain('Paste the token')
    expect(field(dialog, 'account-host').getAttribute('aria-invalid')).toBe('true')
    await flushPromises()
    expect(transport.callsTo('accounts.add')).toEqual([])
  })

  it('tests the connection with the same payload and reports who answered', async () => {
    const { dialog, transport } = await openDialog({
      'accounts.test': () => ok({ version: '2.4.1', user: 'alex', host: 'qbo.example.com' })
    })
    await fillManual(dialog)
    await fireEvent.click(within(dialog).getByTestId('account-tls'))
    await fireEvent.click(within(dialog).getByTestId('test-connection'))
    const report = await within(dialog).findByTestId('connection-report')
    expect(report.textContent?.trim()).toBe('Connected to qbo.example.com as alex — qbo 2.4.1')
    expect(transport.callsTo('accounts.test')).toEqual([
      {
        kind: 'qbo',
        name: 'prod',
        host: 'qbo.example.com',
        port: 8443,
        tls: false,
        token: 'tok-123'
      }
    ])
  })

  it('shows a failed connection test in words', async () => {
    const { dialog } = await openDialog({
      'accounts.test': () => failure('unavailable', 'connect ECONNREFUSED 10.0.0.1:8443')
    })
    await fillManual(dialog)
    await fireEvent.click(within(dialog).getByTestId('test-connection'))
    const report = await within(dialog).findByTestId('connection-report')
    expect(report.textContent).toContain('connect ECONNREFUSED 10.0.0.1:8443')
    expect(report.getAttribute('role')).toBe('alert')
  })

  it('saves a host-and-token account, clears the token and closes', async () => {
    const answer = deferred<ReturnType<typeof ok<AccountView>>>()
    let listed = [account()]
    const added = account({ id: 'acc-2', name: 'prod' })
    const { dialog, transport } = await openDialog({
      'accounts.add': () => answer.promise,
      'accounts.list': () => ok(listed)
    })
    await fillManual(dialog)
    await fireEvent.click(within(dialog).getByTestId('save-account'))

    expect(transport.callsTo('accounts.add')).toEqual([
      {
        kind: 'qbo',
        name: 'prod',
        host: 'qbo.example.com',
        port: 8443,
        tls: true,
        token: 'tok-123'
      }
    ])
    // The secret is gone from the page as soon as it is sent.
    expect(field(dialog, 'account-token').value).toBe('')
    expect(within(dialog).queryByDisplayValue('tok-123')).toBeNull()

    listed = [account(), added]
    answer.resolve(ok(added))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    await waitFor(() => expect(screen.getAllByTestId('account')).toHaveLength(2))
    expect(document.body.innerHTML).not.toContain('tok-123')
  })

  it('imports a CLI file, naming the account after its host', async () => {
    const { dialog, transport } = await openDialog({
      'accounts.add': () => ok(account({ id: 'acc-2', name: 'qbo.example.com' }))
    })
    await fireEvent.click(within(dialog).getByTestId('account-mode-import'))
    await pickFile(dialog, CLI_FILE)
    await waitFor(() => expect(field(dialog, 'account-name').value).toBe('qbo.example.com'))
    expect(dialog.textContent).not.toContain('secret-uid')

    await fireEvent.click(within(dialog).getByTestId('save-account'))
    expect(transport.callsTo('accounts.add')).toEqual([
      { kind: 'qbo-import', name: 'qbo.example.com', file: CLI_FILE }
    ])
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  })

  it('keeps a typed name and sends an explicit TLS choice on import', async () => {
    const { dialog, transport } = await openDialog({
      'accounts.test': () => ok({ version: '2.4.1', user: 'alex', host: 'qbo.example.com' })
    })
    await fireEvent.click(within(dialog).getByTestId('account-mode-import'))
    await fireEvent.input(field(dialog, 'account-name'), { target: { value: 'lab' } })
    await fireEvent.change(within(dialog).getByTestId('account-import-tls'), {
      target: { value: 'off' }
    })
    await pickFile(dialog, CLI_FILE)
    await fireEvent.click(within(dialog).getByTestId('test-connection'))
    await within(dialog).findByTestId('connection-report')
    expect(transport.callsTo('accounts.test')).toEqual([
      { kind: 'qbo-import', name: 'lab', file: CLI_FILE, tls: false }
    ])
  })

  it('asks for a file before importing', async () => {
    const { dialog, transport } = await openDialog()
    await fireEvent.click(within(dialog).getByTestId('account-mode-import'))
    await fireEvent.click(within(dialog).getByTestId('save-account'))
    expect(dialog.textContent).toContain('Choose the qbo CLI file')
    await flushPromises()
    expect(transport.callsTo('accounts.add')).toEqual([])
  })

  it('keeps the dialog open with the reason when the agent refuses', async () => {
    const { dialog } = await openDialog({
      'accounts.add': () => failure('invalid-request', 'An account named prod exists')
    })
    await fillManual(dialog)
    await fireEvent.click(within(dialog).getByTestId('save-account'))
    const error = await within(dialog).findByTestId('save-account-error')
    expect(error.textContent).toContain('An account named prod exists')
    expect(field(dialog, 'account-token').value).toBe('')
  })
})

const HUB_ID = '0123456789abcdef01234567'

async function fillCycle(dialog: HTMLElement, url?: string): Promise<void> {
  await fireEvent.click(within(dialog).getByTestId('account-mode-cycle'))
  await fireEvent.input(field(dialog, 'account-name'), { target: { value: ' Hub ' } })
  if (url !== undefined)
    await fireEvent.input(field(dialog, 'account-cycle-url'), { target: { value: url } })
  await fireEvent.input(field(dialog, 'account-cycle-key'), { target: { value: 'key-123' } })
  await fireEvent.input(field(dialog, 'account-cycle-hub'), { target: { value: HUB_ID } })
}

describe('Add a Cycle hub', () => {
  it('defaults the API address, hides the key and explains other cores', async () => {
    const { dialog } = await openDialog()
    await fireEvent.click(within(dialog).getByTestId('account-mode-cycle'))
    expect(field(dialog, 'account-cycle-url').value).toBe('https://api.cycle.io')
    expect(dialog.textContent).toContain('custom cores and the sandbox use their own')
    expect(field(dialog, 'account-cycle-key').type).toBe('password')
  })

  it('tests the connection and reports the hub in Cycle’s words', async () => {
    const { dialog, transport } = await openDialog({
      'accounts.test': () =>
        ok({ version: 'Cycle API v1', user: 'hub “Production”', host: 'api.cycle.io' })
    })
    await fillCycle(dialog)
    await fireEvent.click(within(dialog).getByTestId('test-connection'))
    const report = await within(dialog).findByTestId('connection-report')
    expect(report.textContent?.trim()).toBe(
      'Connected to api.cycle.io as hub “Production” — Cycle API v1'
    )
    expect(transport.callsTo('accounts.test')).toEqual([
      { kind: 'cycle', name: 'Hub', url: 'https://api.cycle.io', apiKey: 'key-123', hubId: HUB_ID }
    ])
  })

  it('shows a refused key in words', async () => {
    const { dialog } = await openDialog({
      'accounts.test': () =>
        failure('invalid-request', 'This API key lacks the “images-manage” capability')
    })
    await fillCycle(dialog)
    await fireEvent.click(within(dialog).getByTestId('test-connection'))
    const report = await within(dialog).findByTestId('connection-report')
    expect(report.textContent).toContain('This API key lacks the “images-manage” capability')
    expect(report.getAttribute('role')).toBe('alert')
  })

  it('checks the hub id and address before sending anything', async () => {
    const { dialog, transport } = await openDialog()
    await fillCycle(dialog, 'api.cycle.io')
    await fireEvent.input(field(dialog, 'account-cycle-hub'), { target: { value: 'not-a-hub' } })
    await fireEvent.click(within(dialog).getByTestId('save-account'))
    expect(dialog.textContent).toContain('24 hexadecimal characters')
    expect(field(dialog, 'account-cycle-hub').getAttribute('aria-invalid')).toBe('true')
    expect(field(dialog, 'account-cycle-url').getAttribute('aria-invalid')).toBe('true')
    await flushPromises()
    expect(transport.callsTo('accounts.add')).toEqual([])
  })

  it('saves a hub with its own API address and clears the key', async () => {
    const answer = deferred<ReturnType<typeof ok<AccountView>>>()
    const { dialog, transport } = await openDialog({ 'accounts.add': () => answer.promise })
    await fillCycle(dialog, 'http://127.0.0.1:9000 ')
    await fireEvent.click(within(dialog).getByTestId('save-account'))
    expect(transport.callsTo('accounts.add')).toEqual([
      {
        kind: 'cycle',
        name: 'Hub',
        url: 'http://127.0.0.1:9000',
        apiKey: 'key-123',
        hubId: HUB_ID
      }
    ])
    expect(field(dialog, 'account-cycle-key').value).toBe('')
    answer.resolve(ok(account({ id: 'hub-1', kind: 'cycle', name: 'Hub' })))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(document.body.innerHTML).not.toContain('key-123')
  })

  it('asks for the key again when the agent refuses the hub', async () => {
    const { dialog } = await openDialog({
      'accounts.add': () => failure('invalid-request', 'This API key does not belong to that hub')
    })
    await fillCycle(dialog)
    await fireEvent.click(within(dialog).getByTestId('save-account'))
    const error = await within(dialog).findByTestId('save-account-error')
    expect(error.textContent).toContain('does not belong to that hub')
    expect(dialog.textContent).toContain('Paste the API key again to retry')
    expect(field(dialog, 'account-cycle-key').getAttribute('aria-invalid')).toBe('true')
  })
})

describe('Remove account', () => {
  it('calls accounts.remove only after confirming, then re-lists', async () => {
    let listed = [account(), account({ id: 'acc-2', name: 'lab' })]
    const { api, transport } = fakeApi({
      'accounts.list': () => ok(listed),
      'accounts.remove': () => {
        listed = [account()]
        return ok(null)
      }
    })
    render(App, { api })
    await waitFor(() => expect(screen.getAllByTestId('account')).toHaveLength(2))
    const lab = screen.getAllByTestId('account')[1]!

    await fireEvent.click(within(lab).getByTestId('remove-account'))
    const dialog = await screen.findByRole('dialog')
    expect(dialog.textContent).toContain('Remove lab?')
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(transport.callsTo('accounts.remove')).toEqual([])

    await fireEvent.click(within(lab).getByTestId('remove-account'))
    await fireEvent.click(within(await screen.findByRole('dialog')).getByTestId('confirm-remove'))
    expect(transport.callsTo('accounts.remove')).toEqual([{ accountId: 'acc-2' }])
    await waitFor(() => expect(screen.getAllByTestId('account')).toHaveLength(1))
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('re-lists accounts on an accounts event', async () => {
    let listed = [account()]
    const { api, transport } = fakeApi({ 'accounts.list': () => ok(listed) })
    render(App, { api })
    await waitFor(() => expect(screen.getAllByTestId('account')).toHaveLength(1))
    listed = [account(), account({ id: 'acc-2', name: 'lab' })]
    transport.emit({ type: 'accounts' })
    await waitFor(() => expect(screen.getAllByTestId('account')).toHaveLength(2))
  })
})
