import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { describe, expect, it } from 'vitest'
import App from '../../src-renderer/App.svelte'
import {
  account,
  cycleAccount,
  cycleImage,
  failure,
  fakeApi,
  flushPromises,
  job,
  ok,
  page,
  type Handler
} from './fake-transport'

const IMAGE = cycleImage(1, { name: 'api', size: 148_000_000, containers: 2 })

const CONFIG = {
  user: 'node',
  ports: [
    { host: 8080, container: 80, type: 'tcp' },
    { host: 0, container: 9090, type: 'udp' }
  ],
  env: { PATH: '/usr/bin', NODE_ENV: 'production' },
  labels: {},
  command: ['node', 'server.js', '--name', 'my app'],
  entrypoint: ['/bin/sh', '-c'],
  volumes: [{ path: '/data', mode: 'ro' }],
  workdir: '/app',
  signal_stop: ''
}

async function openDetail(handlers: Record<string, Handler> = {}) {
  const fake = fakeApi({
    'accounts.list': () => ok([account(), cycleAccount()]),
    'cycleImages.list': () => ok(page([IMAGE])),
    'cycleImages.get': () =>
      ok({ image: IMAGE, config: CONFIG, buildArgs: { VERSION: '1.2', BASE: 'alpine' }, raw: {} }),
    ...handlers
  })
  render(App, { api: fake.api })
  await fireEvent.click(await screen.findByTestId('nav-cycle-images'))
  await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(1))
  await fireEvent.click(screen.getAllByTestId('row')[0]!)
  await screen.findByTestId('image-state')
  return fake
}

const rows = (table: HTMLElement): string[][] =>
  [...table.querySelectorAll('tbody tr')].map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')
  )

describe('Cycle image detail', () => {
  it('shows the facts, the config and the build arguments', async () => {
    const { transport } = await openDetail()
    const detail = screen.getByTestId('cycle-image-detail')
    expect(screen.getByTestId('view-title').textContent?.trim()).toBe('api')
    expect(screen.getByTestId('image-state').textContent).toBe('live')
    expect(screen.getByTestId('image-state').classList).toContain('good')
    expect(screen.getByTestId('image-id').textContent).toBe(IMAGE.id)
    expect(detail.textContent).toContain('148 MB')
    expect(detail.textContent).toContain('web (direct)')
    expect(detail.textContent).toContain('alex@example.com')
    expect(screen.queryByTestId('image-error')).toBeNull()
    expect(transport.callsTo('cycleImages.get')).toEqual([
      { accountId: 'hub-1', imageId: IMAGE.id }
    ])

    expect(rows(screen.getByTestId('config-ports'))).toEqual([
      ['8080', '80', 'tcp'],
      ['0', '9090', 'udp']
    ])
    expect(rows(screen.getByTestId('config-env'))).toEqual([
      ['NODE_ENV', 'production'],
      ['PATH', '/usr/bin']
    ])
    expect(screen.getByTestId('config-volumes').textContent).toContain('/data (read-only)')
    expect(screen.getByTestId('config-command').textContent?.trim()).toBe(
      "node server.js --name 'my app'"
    )
    expect(screen.getByTestId('config-entrypoint').textContent?.trim()).toBe('/bin/sh -c')
    expect(screen.getByTestId('config-workdir').textContent?.trim()).toBe('/app')
    expect(screen.getByTestId('config-user').textContent?.trim()).toBe('node')
    expect(rows(within(screen.getByTestId('image-build-args')).getByRole('table'))).toEqual([
      ['BASE', 'alpine'],
      ['VERSION', '1.2']
    ])

    await fireEvent.click(screen.getByTestId('back-to-images'))
    expect(screen.getByTestId('view-title').textContent).toBe('Cycle images')
  })

  it('shows an error prominently and copes with a missing or odd config', async () => {
    const broken = { ...IMAGE, state: 'live', error: 'Dockerfile: unknown instruction RUNN' }
    await openDetail({
      'cycleImages.list': () => ok(page([broken])),
      'cycleImages.get': () => ok({ image: broken, config: null, buildArgs: {}, raw: {} })
    })
    expect(screen.getByTestId('image-error').textContent).toContain(
      'Dockerfile: unknown instruction RUNN'
    )
    expect(screen.getByTestId('image-state').classList).toContain('danger')
    expect(screen.getByTestId('image-config').textContent).toContain('not reported a config')
    expect(screen.getByTestId('image-build-args').textContent).toContain('without build arguments')
  })

  it('reads an odd config without falling over', async () => {
    const odd = { ports: ['8080:80/tcp', 42, null], env: null, command: 'run.sh', volumes: [{}] }
    await openDetail({
      'cycleImages.get': () => ok({ image: IMAGE, config: odd, buildArgs: {}, raw: {} })
    })
    expect(rows(screen.getByTestId('config-ports'))).toEqual([['8080', '80', 'tcp']])
    expect(screen.getByTestId('image-config').textContent).toContain('No environment variables')
    expect(screen.getByTestId('image-config').textContent).toContain('No volumes')
    expect(screen.getByTestId('config-command').textContent?.trim()).toBe('run.sh')
    expect(screen.getByTestId('config-workdir').textContent?.trim()).toBe('—')
  })

  it('renames through a dialog, shows the job in place and leads to it', async () => {
    const renamed = job('j-rename', {
      action: 'image.rename',
      target: 'api',
      accountId: 'hub-1',
      subject: { view: 'cycle-image', accountId: 'hub-1', imageId: IMAGE.id }
    })
    const { transport } = await openDetail({ 'cycleImages.rename': () => ok(renamed) })
    await fireEvent.click(screen.getByTestId('rename-image'))
    const dialog = await screen.findByRole('dialog')
    const name = within(dialog).getByTestId('rename-name') as HTMLInputElement
    expect(name.value).toBe('api')
    expect((within(dialog).getByTestId('rename-submit') as HTMLButtonElement).disabled).toBe(true)
    await fireEvent.input(name, { target: { value: '  api-v2 ' } })
    await fireEvent.click(within(dialog).getByTestId('rename-submit'))
    expect(transport.callsTo('cycleImages.rename')).toEqual([
      { accountId: 'hub-1', imageId: IMAGE.id, name: 'api-v2' }
    ])
    // The user stays on the image; its header says what is under way, and leads to the job.
    const inPlace = await screen.findByTestId('job-in-place')
    expect(screen.getByTestId('view-title').textContent).toBe('api')
    expect(inPlace.textContent).toContain('Rename queued')
    await fireEvent.click(within(inPlace).getByTestId('job-in-place-link'))
    await waitFor(() => expect(screen.getByTestId('view-title').textContent).toBe('Activity'))
    await waitFor(() => expect(screen.getByTestId('job').dataset.jobId).toBe('j-rename'))
  })

  it('shows a refused rename in the dialog', async () => {
    await openDetail({
      'cycleImages.rename': () =>
        failure('invalid-request', 'This API key lacks the “images-manage” capability')
    })
    await fireEvent.click(screen.getByTestId('rename-image'))
    const dialog = await screen.findByRole('dialog')
    await fireEvent.input(within(dialog).getByTestId('rename-name'), { target: { value: 'x' } })
    await fireEvent.click(within(dialog).getByTestId('rename-submit'))
    expect((await within(dialog).findByTestId('rename-error')).textContent).toContain(
      'images-manage'
    )
  })

  it('deletes only after confirming, then leaves the detail for the list', async () => {
    const deleted = job('j-del', { action: 'image.delete', target: 'api', accountId: 'hub-1' })
    const { transport } = await openDetail({ 'cycleImages.delete': () => ok(deleted) })
    await fireEvent.click(screen.getByTestId('delete-image'))
    let dialog = await screen.findByRole('dialog')
    expect(dialog.textContent).toContain('api')
    expect(dialog.textContent).toContain('2 containers use this image')
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    await flushPromises()
    expect(transport.callsTo('cycleImages.delete')).toEqual([])

    await fireEvent.click(screen.getByTestId('delete-image'))
    dialog = await screen.findByRole('dialog')
    await fireEvent.click(within(dialog).getByTestId('confirm-delete'))
    expect(transport.callsTo('cycleImages.delete')).toEqual([
      { accountId: 'hub-1', imageId: IMAGE.id }
    ])
    // The image is going: its page closes onto the list; a toast leads to the job.
    await waitFor(() => expect(screen.getByTestId('view-title').textContent).toBe('Cycle images'))
    expect(screen.queryByTestId('cycle-image-detail')).toBeNull()
    expect((await screen.findByTestId('toast')).textContent).toContain('Queued:')
  })

  it('follows changes and says plainly when the image is gone', async () => {
    let current: ReturnType<Handler> = ok({ image: IMAGE, config: null, buildArgs: {}, raw: {} })
    const { transport } = await openDetail({ 'cycleImages.get': () => current })
    current = ok({ image: { ...IMAGE, state: 'deleting' }, config: null, buildArgs: {}, raw: {} })
    transport.emit({ type: 'changed', accountId: 'hub-1', kind: 'cycleImages' })
    await waitFor(() => expect(screen.getByTestId('image-state').textContent).toBe('deleting'))
    expect(screen.getByTestId('image-state').classList).toContain('idle')

    current = failure('not-found', 'No image')
    transport.emit({ type: 'changed', accountId: 'hub-1', kind: 'cycleImages' })
    expect((await screen.findByTestId('image-gone')).textContent).toContain('deleted')
    expect(screen.queryByTestId('delete-image')).toBeNull()
  })
})

describe('Cycle image detail: what the image document says', () => {
  it('shows the creator by name, the origin target, the labels and the state history', async () => {
    const image = { ...IMAGE, creator: 'Grace Hopper (Cycle)' }
    await openDetail({
      'cycleImages.list': () => ok(page([image])),
      'cycleImages.get': () =>
        ok({
          image,
          config: CONFIG,
          buildArgs: {},
          raw: {},
          facts: {
            description: 'GPU inference server',
            nvidiaGpu: true,
            backend: null,
            builder: 'Depot builds',
            creatorKind: 'employee',
            creatorId: 'e1',
            originType: 'oci-registry',
            originTarget: 'inference/server:3.1-cuda12',
            labels: { 'org.opencontainers.image.version': '3.1.0' },
            factoryNode: null,
            stateChanged: '2026-01-02T00:00:00Z',
            created: null,
            updated: null,
            deleted: null,
            containersByState: { running: 3 }
          },
          history: [
            { state: 'live', changed: '2026-01-02T00:00:00Z', seenAt: 2 },
            { state: 'new', changed: '2026-01-01T00:00:00Z', seenAt: 1 }
          ]
        })
    })
    expect(screen.getByTestId('image-creator').textContent).toBe('Grace Hopper (Cycle)')
    const facts = screen.getByTestId('image-facts')
    expect(within(facts).getByText('inference/server:3.1-cuda12')).toBeTruthy()
    expect(within(facts).getByText('Depot builds')).toBeTruthy()
    expect(screen.getByTestId('image-labels').textContent).toContain(
      'org.opencontainers.image.version'
    )
    expect(screen.getByTestId('image-containers-by-state').textContent).toBe('running 3')
    expect(
      screen.getAllByTestId('image-state-entry').map((e) => e.querySelector('.state')?.textContent)
    ).toEqual(['live', 'new'])
  })
})
