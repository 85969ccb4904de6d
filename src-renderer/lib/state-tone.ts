/** Colour family for a resource state, so a glance tells healthy from not. */
export type Tone = 'good' | 'active' | 'idle' | 'warn'

export function toneOf(state: string): Tone {
  switch (state.trim().toLowerCase()) {
    case 'ready':
      return 'good'
    case 'running':
      return 'active'
    case 'stopped':
      return 'idle'
    default:
      return 'warn'
  }
}
