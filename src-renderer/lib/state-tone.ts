import type { JobState } from '@contract'

/**
 * Colour family for a state, so a glance tells healthy from not. `busy` is a transition in
 * progress (it pulses); `danger` is a failure that needs the user.
 */
export type Tone = 'good' | 'active' | 'idle' | 'warn' | 'busy' | 'danger'

const norm = (state: string): string => state.trim().toLowerCase()

/** Nodes and networks: `running` is a node still booting, `ready` is the healthy end state. */
export function toneOf(state: string): Tone {
  switch (norm(state)) {
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

const CLUSTER_TONES: Readonly<Record<string, Tone>> = {
  running: 'good',
  ready: 'good',
  stopped: 'idle',
  creating: 'busy',
  starting: 'busy',
  stopping: 'busy',
  deleting: 'busy',
  error: 'danger',
  failed: 'danger'
}

/** Clusters: up is green, stopped grey, a transition blue, a failure red. */
export function clusterTone(state: string): Tone {
  return CLUSTER_TONES[norm(state)] ?? 'warn'
}

const POD_TONES: Readonly<Record<string, Tone>> = {
  running: 'good',
  succeeded: 'idle',
  completed: 'idle',
  pending: 'busy',
  containercreating: 'busy',
  terminating: 'busy',
  failed: 'danger',
  error: 'danger',
  crashloopbackoff: 'danger',
  imagepullbackoff: 'danger',
  errimagepull: 'danger'
}

/** Kubernetes pod phases and reasons: Running is the healthy state of a pod. */
export function podTone(status: string): Tone {
  return POD_TONES[norm(status)] ?? 'warn'
}

/** ipvs entries: `active` is a server taking traffic. */
export function loadBalancerTone(state: string): Tone {
  return norm(state) === 'active' ? 'good' : toneOf(state)
}

const JOB_TONES: Readonly<Record<JobState, Tone>> = {
  queued: 'idle',
  running: 'busy',
  succeeded: 'good',
  failed: 'danger',
  unknown: 'warn',
  cancelled: 'idle',
  damaged: 'danger'
}

export function jobTone(state: JobState): Tone {
  return JOB_TONES[state]
}

/** What a cluster in this state can be asked to do. Delete is always offered. */
export function clusterCan(state: string): { start: boolean; stop: boolean } {
  const s = norm(state)
  return {
    start: s === 'stopped' || s === 'error' || s === 'failed',
    stop: s === 'running' || s === 'ready'
  }
}

const CYCLE_IMAGE_TONES: Readonly<Record<string, Tone>> = {
  live: 'good',
  new: 'busy',
  downloading: 'busy',
  building: 'busy',
  verifying: 'busy',
  saving: 'busy',
  uploading: 'busy',
  deleting: 'idle',
  deleted: 'idle',
  error: 'danger'
}

/** Cycle images: live is green, a build step blue, deleting grey; an image with an error is red. */
export function cycleImageTone(state: string, error?: string | null): Tone {
  if (error) return 'danger'
  return CYCLE_IMAGE_TONES[norm(state)] ?? 'warn'
}

const CYCLE_JOB_TONES: Readonly<Record<string, Tone>> = {
  new: 'idle',
  queued: 'idle',
  scheduled: 'idle',
  pending: 'idle',
  running: 'busy',
  completed: 'good',
  failed: 'danger',
  error: 'danger',
  expired: 'warn'
}

/** Cycle's server-side jobs and their tasks. */
export function cycleJobTone(state: string): Tone {
  return CYCLE_JOB_TONES[norm(state)] ?? 'warn'
}
