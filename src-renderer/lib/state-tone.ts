import type { JobState } from '@contract'
import { isNodeReady, nodeStateWord } from './node-ready'

/**
 * Colour family for a state, so a glance tells healthy from not. `busy` is a transition in
 * progress (it pulses); `danger` is a failure that needs the user.
 */
export type Tone = 'good' | 'active' | 'idle' | 'warn' | 'busy' | 'danger'

const norm = (state: string): string => state.trim().toLowerCase()

/** A state as the user reads it: the word on screen, its colour, and what it means when unclear. */
export interface Look {
  word: string
  tone: Tone
  hint?: string
}

/**
 * Nodes and networks. qbo says `running` while a node's container is up but Kubernetes has not
 * marked it ready: it is not counted ready (isNodeReady), so it is not shown as up either — it
 * reads "starting", like any other transition, and never "running", which elsewhere means up.
 */
export function nodeLook(state: string): Look {
  const word = nodeStateWord(state)
  if (isNodeReady(state)) return { word, tone: 'good' }
  switch (norm(state)) {
    case 'running':
      return {
        word,
        tone: 'busy',
        hint: 'qbo reports "running": the node is up, Kubernetes has not marked it ready yet'
      }
    case 'stopped':
      return { word, tone: 'idle' }
    case 'notready':
      return { word, tone: 'warn', hint: `qbo reports "${state}"` }
    default:
      return { word, tone: 'warn' }
  }
}

/** Nodes' and networks' colour (see nodeLook). */
export function toneOf(state: string): Tone {
  return nodeLook(state).tone
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

/**
 * States of an image while an import (download, build, push) is under way: the contract's
 * CYCLE_IMAGE_WORKING_STATES, kept here so the views need none of the contract's code before the
 * first rows show (test/renderer/boot-chunk.test.ts holds the two equal).
 */
export const IMAGE_WORKING = new Set([
  'downloading',
  'building',
  'verifying',
  'saving',
  'uploading'
])

/**
 * A Cycle image as the user reads it. A failed import leaves the image `new` with the error on its
 * state, so an error on an image no import is working on reads "failed" (red), whatever the state
 * word; a new attempt under way reads as its step.
 */
export function cycleImageLook(state: string, error?: string | null): Look {
  const s = norm(state)
  if (error && !IMAGE_WORKING.has(s)) return { word: 'failed', tone: 'danger', hint: error }
  return { word: state, tone: cycleImageTone(state, IMAGE_WORKING.has(s) ? null : error) }
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

/** A Cycle job or task as read: its `error` is what Berth calls "failed" everywhere else. */
export function cycleJobLook(state: string): Look {
  const tone = cycleJobTone(state)
  if (norm(state) === 'error') return { word: 'failed', tone, hint: 'Cycle reports "error"' }
  return { word: state, tone }
}

/** How a progress bar is drawn for a job in a state: only work under way moves. */
export type ProgressLook = 'moving' | 'done' | 'failed' | 'stopped'

export function progressLook(tone: Tone): ProgressLook {
  if (tone === 'busy' || tone === 'active') return 'moving'
  if (tone === 'good') return 'done'
  if (tone === 'danger') return 'failed'
  return 'stopped'
}

/**
 * A Cycle job step as the user reads it: done once completed; failed when it started and its task
 * failed before it completed; under way when started; else waiting.
 */
export type StepLook = 'done' | 'failed' | 'started' | 'waiting'

export function stepLook(
  step: { started: string | null; completed: string | null },
  taskState: string
): StepLook {
  if (step.completed !== null) return 'done'
  if (step.started === null) return 'waiting'
  return cycleJobTone(taskState) === 'danger' ? 'failed' : 'started'
}
