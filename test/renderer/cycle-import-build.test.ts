import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { describe, expect, it } from 'vitest'
import App from '../../src-renderer/App.svelte'
import {
  account,
  cycleAccount,
  cycleImage,
  cycleSource,
  fakeApi,
  job,
  ok,
  page,
  type Handler
} from './fake-transport'

const SOURCES = [
  cycleSource(1, { name: 'hub-src', origin: 'docker-hub' }),
  cycleSource(2, { name: 'file-src', origin: 'docker-file' })
]

async function openImages(handlers: Record<string, Handler> = {}) {
  const fake = fakeApi({
    'accounts.list': () => ok([account(), cycleAccount()]),
    'cycleSources.list': () => ok(page(SOURCES)),
    'cycleImages.list': () =>
      ok(page([cycleImage(1, { state: 'new' }), cycleImage(2, { state: 'live' })])),
    ...handlers
  })
  render(App, { api: fake.api })
  await fireEvent.click(await screen.findByTestId('nav-cycle-images'))
  await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(2))
  return fake
}

const importJob = job('j-import', {
  action: 'image.import',
  target: 'web-1',
  title: 'Import image web-1',
  accountId: 'hub-1'
})

describe('Cycle images: import, build overrides and filters', () => {
  it('offers Import on an image in new only, and imports that same image as a job', async () => {
    const { transport } = await openImages({ 'cycleImages.import': () => ok(importJob) })
    const [fresh, live] = screen.getAllByTestId('row')
    expect(within(live!).queryByTestId('import-image')).toBeNull()
    await fireEvent.click(within(fresh!).getByTestId('import-image'))
    await fireEvent.click(await screen.findByTestId('confirm-import'))
    expect(transport.callsTo('cycleImages.import')).toEqual([
      { accountId: 'hub-1', imageId: cycleImage(1).id }
    ])
    // Accepted: the user stays on the list, told by a toast.
    expect((await screen.findByTestId('toast')).textContent).toContain('Queued: Import image web-1')
    expect(screen.getByTestId('view-title').textContent).toBe('Cycle images')
  })

  it('fills the build dialog’s sources in once the first sync brings them', async () => {
    let synced = false
    const { transport } = await openImages({
      'cycleSources.list': () => ok(page(synced ? SOURCES : []))
    })
    await fireEvent.click(screen.getByTestId('build-image'))
    const dialog = await screen.findByRole('dialog')
    await waitFor(() =>
      expect(within(dialog).getByText('This hub has no image sources to build from.')).toBeTruthy()
    )
    synced = true
    transport.emit({ type: 'changed', accountId: 'hub-1', kind: 'cycleSources' })
    await waitFor(() => expect(within(dialog).getAllByRole('option')).toHaveLength(2))
    expect((within(dialog).getByTestId('build-source') as HTMLSelectElement).value).toBe('src1')
  })

  it('sends the override the source’s origin takes, and use_disk, with the build', async () => {
    const build = job('j-build', { action: 'image.build', accountId: 'hub-1' })
    const { transport } = await openImages({ 'cycleImages.build': () => ok(build) })
    await fireEvent.click(screen.getByTestId('build-image'))
    const dialog = await screen.findByRole('dialog')
    await waitFor(() => expect(within(dialog).getAllByRole('option')).toHaveLength(2))
    await fireEvent.change(within(dialog).getByTestId('build-source'), {
      target: { value: 'src1' }
    })
    expect(within(dialog).queryByTestId('build-targz')).toBeNull()
    // A malformed target is refused in the form: nothing is sent.
    await fireEvent.input(within(dialog).getByTestId('build-target'), {
      target: { value: 'not a target' }
    })
    await fireEvent.click(within(dialog).getByTestId('build-submit'))
    expect(transport.callsTo('cycleImages.build')).toEqual([])
    expect(dialog.textContent).toContain('a target looks like library/nginx:1.27')

    await fireEvent.input(within(dialog).getByTestId('build-target'), {
      target: { value: 'library/nginx:1.27' }
    })
    await fireEvent.click(within(dialog).getByTestId('build-use-disk'))
    await fireEvent.click(within(dialog).getByTestId('build-submit'))
    expect(transport.callsTo('cycleImages.build')).toEqual([
      {
        accountId: 'hub-1',
        sourceId: 'src1',
        override: { target: 'library/nginx:1.27' },
        useDisk: true
      }
    ])
  })

  it('offers a tarball URL for a docker-file source instead of a target', async () => {
    const build = job('j-build', { action: 'image.build', accountId: 'hub-1' })
    const { transport } = await openImages({ 'cycleImages.build': () => ok(build) })
    await fireEvent.click(screen.getByTestId('build-image'))
    const dialog = await screen.findByRole('dialog')
    await waitFor(() => expect(within(dialog).getAllByRole('option')).toHaveLength(2))
    await fireEvent.change(within(dialog).getByTestId('build-source'), {
      target: { value: 'src2' }
    })
    expect(within(dialog).queryByTestId('build-target')).toBeNull()
    await fireEvent.input(within(dialog).getByTestId('build-targz'), {
      target: { value: 'https://example.com/app.tar.gz' }
    })
    await fireEvent.click(within(dialog).getByTestId('build-submit'))
    expect(transport.callsTo('cycleImages.build')).toEqual([
      {
        accountId: 'hub-1',
        sourceId: 'src2',
        override: { targz_url: 'https://example.com/app.tar.gz' }
      }
    ])
  })

  it('asks the agent for images of one state and one source, and for all again', async () => {
    const { transport } = await openImages()
    await fireEvent.change(screen.getByTestId('filter-image-state'), { target: { value: 'new' } })
    expect(transport.lastListCall('cycleImages.list')).toEqual({
      offset: 0,
      limit: 100,
      state: 'new'
    })
    const source = screen.getByTestId('filter-image-source')
    await waitFor(() => expect(within(source).getAllByRole('option')).toHaveLength(3))
    await fireEvent.change(source, { target: { value: 'src2' } })
    expect(transport.lastListCall('cycleImages.list')).toEqual({
      offset: 0,
      limit: 100,
      state: 'new',
      sourceId: 'src2'
    })
    await fireEvent.click(screen.getByTestId('clear-filters'))
    expect(transport.lastListCall('cycleImages.list')).toEqual({ offset: 0, limit: 100 })
  })

  it('asks for sources of one origin type and hub jobs of one state', async () => {
    const { transport } = await openImages({ 'cycleJobs.list': () => ok(page([])) })
    await fireEvent.click(screen.getByTestId('nav-cycle-sources'))
    await fireEvent.change(await screen.findByTestId('filter-source-origin'), {
      target: { value: 'docker-file' }
    })
    expect(transport.lastListCall('cycleSources.list')).toEqual({
      offset: 0,
      limit: 100,
      origin: 'docker-file'
    })
    await fireEvent.click(screen.getByTestId('nav-cycle-jobs'))
    await fireEvent.change(await screen.findByTestId('filter-job-state'), {
      target: { value: 'error' }
    })
    expect(transport.lastListCall('cycleJobs.list')).toEqual({
      offset: 0,
      limit: 100,
      sort: { field: 'queuedAt', dir: 'desc' },
      state: 'error'
    })
    expect((await screen.findByText('No hub jobs in state “error”')).textContent).toBeTruthy()
  })
})
