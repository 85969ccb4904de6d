// Read through Vite's `?raw` so this file needs no Node types in the web tsconfig.
import indexHtml from '../../src-renderer/index.html?raw'
import { render, screen, waitFor } from '@testing-library/svelte'
import { describe, expect, it } from 'vitest'
import App from '../../src-renderer/App.svelte'
import { account, fakeApi, ok } from './fake-transport'

const templates = import.meta.glob<string>('../../src-renderer/**/*.svelte', {
  query: '?raw',
  import: 'default',
  eager: true
})

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; " +
  "img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"

// The page's CSP forbids inline styles, and Svelte clones template HTML, so a `style="…"`
// attribute anywhere would be silently dropped in the app.
describe('Content Security Policy', () => {
  it('index.html carries the exact policy and loads main.ts as a module', () => {
    const html = indexHtml
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)
    expect(meta?.[1]).toBe(CSP)
    expect(html).toContain('<title>Berth</title>')
    expect(html).toContain('<script type="module" src="./main.ts"></script>')
  })

  it('no template uses a style attribute', () => {
    const files = Object.entries(templates)
    expect(files.length).toBeGreaterThan(10)
    for (const [file, source] of files) {
      const markup = source.replace(/<style[\s\S]*?<\/style>/g, '')
      expect(markup, file).not.toMatch(/\sstyle\s*=/)
    }
  })

  it('the rendered app has no inline styles', async () => {
    const { api } = fakeApi({
      'accounts.list': () =>
        ok([
          account(),
          account({
            id: 'b',
            name: 'lab',
            status: { state: 'offline', since: 0, reason: 'down', retryAt: Date.now() + 3000 }
          })
        ])
    })
    const { container } = render(App, { api })
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(3))
    await waitFor(() => expect(screen.getByTestId('offline-banner')).toBeTruthy())
    // The one exception: a virtual list's spacers get their heights through CSSOM
    // (`element.style`), which style-src does not govern; they are marked so.
    const styled = [...container.querySelectorAll('[style]')]
    expect(styled.filter((el) => !el.hasAttribute('data-virtual-spacer'))).toEqual([])
  })
})
