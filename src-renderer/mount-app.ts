import { mount } from 'svelte'
import App from './App.svelte'
import type { BerthApi } from './lib/api/client'

export function mountApp(target: HTMLElement, api: BerthApi): void {
  mount(App, { target, props: { api } })
}
