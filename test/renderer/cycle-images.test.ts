import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { afterEach, describe, expect, it, vi } from 'vitest'
import App from '../../src-renderer/App.svelte'
import {
  account,
  cycleAccount,
  cycleImage,
  fakeApi,
  flushPromises,
  job,
  ok,
  page,
  SYNCED_AT,
  type Handler
} from './fake-transport'

afterEach(() => {
  vi.useRealTimers()
})

const BOTH = () => ok([account(), cycleAccount()])

async function openImages(handlers: Record<string, Handler> = {}, rows = 2) {
  const fake = fakeApi({ 'accounts.list': BOTH, ...handlers })
  render(App, { api: fake.api })
  await fireEvent.click(await screen.findByTestId('nav-cycle-images'))
  await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(rows))
  return fake
}

// The data cells only: a row's actions (Import on an image in `new`) have their own column.
const cells = (row: HTMLElement): string[] =>
  [...row.querySelectorAll('td:not([data-row-actions])')].map((td) => td.textContent?.trim() ?? '')

const buildJob = job('j-build', {
  action: 'image.build',
  target: 'web',
  title: 'Build image from web',
  accountId: 'hub-1'
})

describe('Cycle navigation', () => {
  it('stays as it was with qbo accounts only', async () => {
    const { api } = fakeApi()
    render(App, { api })
    await waitFor(() => expect(screen.getAllByTestId('account')).toHaveLength(1))
    expect(screen.queryByTestId('nav-cycle-images')).toBeNull()
    expect(screen.queryByTestId('nav-group-qbo')).toBeNull()
    expect(screen.getByTestId('nav-jobs')).toBeTruthy()
  })

  it('adds a labelled Cycle group, with counts, once a Cycle hub exists', async () => {
    let listed = [account()]
    const { api, transport } = fakeApi({
      'accounts.list': () => ok(listed),
      'cycleImages.list': () => ok(page([cycleImage(1)], 12))
    })
    render(App, { api })
    await waitFor(() => expect(screen.getAllByTestId('account')).toHaveLength(1))
    expect(transport.callsTo('cycleImages.list')).toEqual([])

    listed = [account(), cycleAccount()]
    transport.emit({ type: 'accounts' })
    expect((await screen.findByTestId('nav-group-qbo')).textContent?.trim()).toBe('qbo')
    expect(screen.getByTestId('nav-group-cycle').textContent?.trim()).toBe('Cycle')
    expect(screen.getByTestId('nav-cycle-sources').textContent).toContain('Image sources')
    expect(screen.getByTestId('nav-cycle-jobs').textContent).toContain('Hub jobs')
    expect(screen.getByTestId('nav-nodes')).toBeTruthy()
    await waitFor(() => expect(screen.getByTestId('nav-cycle-images').textContent).toContain('12'))

    // The hub goes away while its view is open: back to a view that still means something.
    await fireEvent.click(screen.getByTestId('nav-cycle-images'))
    expect(screen.getByTestId('view-title').textContent).toBe('Cycle images')
    listed = [account()]
    transport.emit({ type: 'accounts' })
    await waitFor(() => expect(screen.queryByTestId('nav-cycle-images')).toBeNull())
    expect(screen.getByTestId('view-title').textContent).toBe('Nodes')
  })
})

describe('Cycle images view', () => {
  it('lists name, state, size, source, creator, containers and local creation time', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: SYNCED_AT })
    const { transport } = await openImages(
      {
        'cycleImages.list': () =>
          ok(
            page([
              cycleImage(1),
              cycleImage(2, { state: 'building' }),
              cycleImage(3, { state: 'deleting' }),
              cycleImage(4, { state: 'live', error: 'the build failed' })
            ])
          )
      },
      4
    )
    expect(transport.lastListCall('cycleImages.list')).toEqual({ offset: 0, limit: 100 })
    const rows = screen.getAllByTestId('row')
    expect(cells(rows[0]!)).toEqual([
      'web-1',
      'live',
      '12.3 MB',
      'web',
      'alex@example.com',
      '0',
      '29 min ago'
    ])
    expect(cells(rows[1]!)[2]).toBe('24.6 MB')
    const tones = rows.map((r) => [...r.querySelector('span.badge')!.classList])
    expect(tones[0]).toContain('good')
    expect(tones[1]).toContain('busy')
    expect(tones[2]).toContain('idle')
    expect(tones[3]).toContain('danger')
    expect(rows[3]!.querySelectorAll<HTMLElement>('td:not(.select)')[1]!.title).toBe(
      'the build failed'
    )
  })

  it('sorts and searches in the agent', async () => {
    const { transport } = await openImages({
      'cycleImages.list': (input) => {
        const rows = [cycleImage(1), cycleImage(2)]
        const sort = input.sort as { dir: string } | undefined
        return ok(page(sort?.dir === 'desc' ? rows.reverse() : rows))
      }
    })
    const table = screen.getByRole('table')
    await fireEvent.click(within(table).getByRole('button', { name: 'Size' }))
    expect(transport.lastListCall('cycleImages.list').sort).toEqual({ field: 'size', dir: 'asc' })
    await fireEvent.click(within(table).getByRole('button', { name: 'Size' }))
    expect(transport.lastListCall('cycleImages.list').sort).toEqual({ field: 'size', dir: 'desc' })
    await waitFor(() => expect(cells(screen.getAllByTestId('row')[0]!)[0]).toBe('web-2'))
    await fireEvent.click(within(table).getByRole('button', { name: 'Created' }))
    expect(transport.lastListCall('cycleImages.list').sort).toEqual({
      field: 'createdAt',
      dir: 'asc'
    })

    await fireEvent.input(screen.getByTestId('search'), { target: { value: 'web-2' } })
    await fireEvent.keyDown(screen.getByTestId('search'), { key: 'Enter' })
    expect(transport.lastListCall('cycleImages.list')).toMatchObject({ search: 'web-2', offset: 0 })
  })

  it('re-queries on a cycleImages change and opens the detail from a row', async () => {
    let rows = [cycleImage(1), cycleImage(2)]
    const { transport } = await openImages({ 'cycleImages.list': () => ok(page(rows)) })
    rows = [cycleImage(1, { state: 'deleting' }), cycleImage(2)]
    transport.emit({ type: 'changed', accountId: 'hub-1', kind: 'cycleImages' })
    await waitFor(() =>
      expect(screen.getAllByTestId('row')[0]?.querySelector('span.badge')?.textContent).toBe(
        'deleting'
      )
    )
    await fireEvent.click(screen.getAllByTestId('row')[1]!)
    await screen.findByTestId('cycle-image-detail')
    expect(transport.callsTo('cycleImages.get')).toEqual([
      { accountId: 'hub-1', imageId: cycleImage(2).id }
    ])
  })
})

describe('Build dialog', () => {
  it('builds from the chosen source with a name and build arguments, then shows the job', async () => {
    const { transport } = await openImages({ 'cycleImages.build': () => ok(buildJob) })
    await fireEvent.click(screen.getByTestId('build-image'))
    const dialog = await screen.findByRole('dialog')
    await waitFor(() =>
      expect(
        within(dialog)
          .getAllByRole('option')
          .map((o) => o.textContent)
      ).toEqual(['web (direct)', 'source-2 (stack-build)'])
    )
    expect(transport.callsTo('cycleSources.list').at(-1)).toEqual({
      accountId: 'hub-1',
      limit: 500,
      sort: { field: 'name', dir: 'asc' }
    })
    await fireEvent.change(within(dialog).getByTestId('build-source'), {
      target: { value: 'src2' }
    })
    await fireEvent.input(within(dialog).getByTestId('build-name'), {
      target: { value: ' nightly ' }
    })
    await fireEvent.click(within(dialog).getByTestId('build-arg-add'))
    await fireEvent.click(within(dialog).getByTestId('build-arg-add'))
    await fireEvent.click(within(dialog).getByTestId('build-arg-add'))
    const keys = within(dialog).getAllByTestId('build-arg-key')
    const values = within(dialog).getAllByTestId('build-arg-value')
    await fireEvent.input(keys[0]!, { target: { value: 'NODE_ENV' } })
    await fireEvent.input(values[0]!, { target: { value: 'production' } })
    await fireEvent.input(keys[1]!, { target: { value: 'unused' } })
    await fireEvent.click(within(dialog).getAllByTestId('build-arg-remove')[1]!)
    await fireEvent.input(within(dialog).getAllByTestId('build-arg-key')[1]!, {
      target: { value: '_V2' }
    })
    await fireEvent.click(within(dialog).getByTestId('build-submit'))

    expect(transport.callsTo('cycleImages.build')).toEqual([
      {
        accountId: 'hub-1',
        sourceId: 'src2',
        name: 'nightly',
        buildArgs: { NODE_ENV: 'production', _V2: '' }
      }
    ])
    // Accepted: the user stays on the list; a toast leads to the job in Activity.
    const toast = await screen.findByTestId('toast')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.getByTestId('view-title').textContent).toBe('Cycle images')
    await fireEvent.click(within(toast).getByTestId('toast-open'))
    await waitFor(() => expect(screen.getByTestId('view-title').textContent).toBe('Activity'))
    expect(screen.getByTestId('job').dataset.jobId).toBe('j-build')
    expect(screen.getByTestId('job').getAttribute('aria-current')).toBe('true')
  })

  it('refuses a bad argument name locally and sends nothing', async () => {
    const { transport } = await openImages({ 'cycleImages.build': () => ok(buildJob) })
    await fireEvent.click(screen.getByTestId('build-image'))
    const dialog = await screen.findByRole('dialog')
    await waitFor(() => expect(within(dialog).getAllByRole('option')).toHaveLength(2))
    await fireEvent.click(within(dialog).getByTestId('build-arg-add'))
    await fireEvent.input(within(dialog).getByTestId('build-arg-key'), {
      target: { value: '1-BAD' }
    })
    expect(within(dialog).getByTestId('build-arg-error').textContent).toContain(
      'letters, digits and underscores'
    )
    await fireEvent.click(within(dialog).getByTestId('build-submit'))
    await flushPromises()
    expect(transport.callsTo('cycleImages.build')).toEqual([])
    expect(within(dialog).getByTestId('build-arg-key').getAttribute('aria-invalid')).toBe('true')

    // A value without a name is a problem too; fixing both lets it through, with no name sent.
    await fireEvent.input(within(dialog).getByTestId('build-arg-key'), { target: { value: '' } })
    await fireEvent.input(within(dialog).getByTestId('build-arg-value'), { target: { value: 'x' } })
    await fireEvent.click(within(dialog).getByTestId('build-submit'))
    expect(within(dialog).getByTestId('build-arg-error').textContent).toContain('name')
    await fireEvent.input(within(dialog).getByTestId('build-arg-key'), { target: { value: 'OK' } })
    await fireEvent.click(within(dialog).getByTestId('build-submit'))
    expect(transport.callsTo('cycleImages.build')).toEqual([
      { accountId: 'hub-1', sourceId: 'src1', buildArgs: { OK: 'x' } }
    ])
  })
})

describe('Prune dialog', () => {
  it('prunes the ticked sources only, after explaining what goes', async () => {
    const pruned = job('j-prune', { action: 'images.prune', target: 'web, source-2' })
    const { transport } = await openImages({ 'cycleImages.prune': () => ok(pruned) })
    await fireEvent.click(screen.getByTestId('prune-images'))
    const dialog = await screen.findByRole('dialog')
    expect(dialog.textContent).toContain(
      'Removes images of these sources that no container uses (older than 15 minutes)'
    )
    const boxes = await within(dialog).findAllByTestId('prune-source')
    expect(boxes.map((b) => (b as HTMLInputElement).value)).toEqual(['src1', 'src2'])
    expect(boxes[0]!.closest('label')?.textContent).toContain('web')
    expect(boxes[0]!.closest('label')?.textContent).toContain('direct')
    const submit = within(dialog).getByTestId('prune-submit') as HTMLButtonElement
    expect(submit.disabled).toBe(true)

    await fireEvent.click(boxes[1]!)
    expect(submit.disabled).toBe(false)
    await fireEvent.click(boxes[0]!)
    await fireEvent.click(boxes[0]!)
    await fireEvent.click(submit)
    expect(transport.callsTo('cycleImages.prune')).toEqual([
      { accountId: 'hub-1', sourceIds: ['src2'] }
    ])
    const toast = await screen.findByTestId('toast')
    expect(screen.getByTestId('view-title').textContent).toBe('Cycle images')
    await fireEvent.click(within(toast).getByTestId('toast-open'))
    await waitFor(() => expect(screen.getByTestId('view-title').textContent).toBe('Activity'))
    expect(screen.getByTestId('job').dataset.jobId).toBe('j-prune')
  })
})

describe('Image sources view', () => {
  it('lists name, type, origin, state, image count and creator', async () => {
    const { api, transport } = fakeApi({ 'accounts.list': BOTH })
    render(App, { api })
    await fireEvent.click(await screen.findByTestId('nav-cycle-sources'))
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(2))
    expect(screen.getByTestId('view-title').textContent).toBe('Image sources')
    expect(cells(screen.getAllByTestId('row')[1]!)).toEqual([
      'source-2',
      'stack-build',
      'docker-hub:library/app2',
      'live',
      '2',
      // The fixture's source names no creator.
      ''
    ])
    expect(transport.lastListCall('cycleSources.list')).toEqual({ offset: 0, limit: 100 })
  })
})
