import { checkNoun, parseAddArgs, parseTargetArgs } from './action-args'
import type { ActionVerb } from './action-args'
import { planAdd, planDelete, planStart, planStop } from './cluster-plans'
import type { ClusterPlan, PlanContext, PlannedCluster } from './cluster-plans'
import { badRequest, failure, notFound, ok } from './envelope'
import type { CommandOutcome } from './envelope'
import { MAX_CLUSTERS } from './seed'
import type { QboCluster, QboHub, QboImage } from './types'

export interface ActionContext extends PlanContext {
  /** Consumes the failure armed with failNext for this verb, if there is one. */
  takeFailure(verb: ActionVerb): string | undefined
}

export interface ProgressStep {
  message: string
  /** Set on the step that ends a failed action: sent with code 500 instead of 200. */
  failed?: boolean
  apply(): CommandOutcome[]
}

/**
 * An action's immediate answer, the mirror updates its acceptance caused, and the steps still to
 * run (one progress message each, `stepMs` apart). Refused or no-op actions have no steps.
 */
export interface ActionResult {
  outcome: CommandOutcome
  pushes: CommandOutcome[]
  steps: ProgressStep[]
}

const SUBCOMMAND = 'SUBCMD_CLUSTER'
const COMMANDS: Record<ActionVerb, string> = {
  add: 'CMD_ADD',
  start: 'CMD_START',
  stop: 'CMD_STOP',
  delete: 'CMD_DELETE'
}
const GERUNDS: Record<ActionVerb, string> = {
  add: 'Creating',
  start: 'Starting',
  stop: 'Stopping',
  delete: 'Deleting'
}
/** States in which another action on the cluster would race the one under way. */
const BUSY = new Set(['creating', 'starting', 'stopping', 'deleting'])
/** A failing action still shows this many progress lines first, as a real partial run would. */
const STEPS_BEFORE_FAILURE = 2

/** An answer with nothing to follow: a refusal, or an action with nothing to do. */
function answerOnly(outcome: CommandOutcome): ActionResult {
  return { outcome, pushes: [], steps: [] }
}

function conflict(messages: string[], commandLine: string, verb: ActionVerb): ActionResult {
  return answerOnly(failure(409, 'CONFLICT', messages, commandLine, COMMANDS[verb], SUBCOMMAND))
}

function lines(messages: string[]) {
  return { output: messages.map((message) => ({ message })) }
}

/**
 * Runs the clusters' plans one after another, so one command has one stream of progress. With a
 * failure armed, the stream breaks off after a couple of steps and every cluster whose plan had
 * not finished is reverted.
 */
function sequence(plans: ClusterPlan[], failMessage: string | undefined): ProgressStep[] {
  const finished = new Set<ClusterPlan>()
  const steps: ProgressStep[] = plans.flatMap((plan) =>
    plan.steps.map((step, index) => ({
      message: step.message,
      apply: () => {
        const pushes = step.apply()
        if (index === plan.steps.length - 1) finished.add(plan)
        return pushes
      }
    }))
  )
  if (failMessage === undefined) return steps
  const kept = steps.slice(0, Math.min(STEPS_BEFORE_FAILURE, steps.length - 1))
  const fail: ProgressStep = {
    message: failMessage,
    failed: true,
    apply: () => plans.filter((plan) => !finished.has(plan)).flatMap((plan) => plan.revert())
  }
  return [...kept, fail]
}

function accepted(
  ctx: ActionContext,
  verb: ActionVerb,
  commandLine: string,
  planned: { name: string; planned: PlannedCluster }[],
  notes: string[]
): ActionResult {
  const messages = planned.map(({ name }) => `${GERUNDS[verb]} cluster ${name}`)
  const plans = planned.map((p) => p.planned.plan)
  return {
    outcome: ok(commandLine, COMMANDS[verb], SUBCOMMAND, lines([...messages, ...notes])),
    pushes: planned.flatMap((p) => p.planned.pushes),
    steps: sequence(plans, ctx.takeFailure(verb))
  }
}

function findImage(hub: QboHub, wanted: string): QboImage | undefined {
  // `kindest/node:v1.27.2` names the same image as `hub.docker.com/kindest/node:v1.27.2`.
  return hub.images.find((i) => i.name === wanted || i.name === `${i.registry}/${wanted}`)
}

/** The lowest N whose 172.18.N.0/24 no cluster or network uses yet, for each new cluster. */
function freeSubnets(hub: QboHub, count: number): number[] {
  const used = new Set<number>()
  const third = (address: string) => Number(/^172\.18\.(\d+)\./.exec(address)?.[1] ?? -1)
  for (const cluster of hub.clusters) used.add(third(cluster.address))
  for (const network of hub.networks) used.add(third(network.subnet))
  const free: number[] = []
  for (let n = 0; n < MAX_CLUSTERS && free.length < count; n++) if (!used.has(n)) free.push(n)
  return free
}

function acceptAdd(ctx: ActionContext, args: string[], commandLine: string): ActionResult {
  const command = COMMANDS.add
  const parsed = parseAddArgs(args)
  if (!parsed.ok) return answerOnly(badRequest(parsed.message, commandLine, command, SUBCOMMAND))
  const { names, workers } = parsed.args
  const image = findImage(ctx.hub, parsed.args.image)
  if (image === undefined) {
    const message = `image '${parsed.args.image}' not found`
    return answerOnly(notFound([message], commandLine, command, SUBCOMMAND))
  }
  const taken = new Set(ctx.hub.clusters.map((c) => c.name))
  for (const name of names) {
    if (taken.has(name)) return conflict([`cluster ${name} already exists`], commandLine, 'add')
    taken.add(name)
  }
  const subnets = freeSubnets(ctx.hub, names.length)
  if (subnets.length < names.length) {
    return conflict(
      [`no free 172.18.N.0/24 subnet left (at most ${MAX_CLUSTERS} clusters)`],
      commandLine,
      'add'
    )
  }
  const planned = names.map((name, i) => ({
    name,
    planned: planAdd(ctx, { name, image, workers, subnet: subnets[i] ?? 0 })
  }))
  return accepted(ctx, 'add', commandLine, planned, [])
}

/** Whether the cluster already is where the verb would take it (no progression needed). */
function alreadyThere(verb: ActionVerb, cluster: QboCluster): boolean {
  return (
    (verb === 'start' && cluster.state === 'running') ||
    (verb === 'stop' && cluster.state === 'stopped')
  )
}

const PLANNERS = { start: planStart, stop: planStop, delete: planDelete } as const

function acceptTargets(
  ctx: ActionContext,
  verb: Exclude<ActionVerb, 'add'>,
  args: string[],
  commandLine: string
): ActionResult {
  const command = COMMANDS[verb]
  const parsed = parseTargetArgs(verb, args)
  if (!parsed.ok) return answerOnly(badRequest(parsed.message, commandLine, command, SUBCOMMAND))
  const { hub } = ctx
  const byName = new Map(hub.clusters.map((c) => [c.name, c]))
  const targets = parsed.args.all ? [...hub.clusters] : []
  const missing: string[] = []
  for (const name of parsed.args.all ? [] : parsed.args.names) {
    const cluster = byName.get(name)
    if (cluster === undefined) missing.push(`cluster '${name}' not found`)
    else targets.push(cluster)
  }
  if (missing.length > 0) return answerOnly(notFound(missing, commandLine, command, SUBCOMMAND))
  const busy = targets.filter((c) => BUSY.has(c.state))
  if (busy.length > 0) {
    return conflict(
      busy.map((c) => `cluster ${c.name} is busy (${c.state})`),
      commandLine,
      verb
    )
  }
  const notes = targets
    .filter((c) => alreadyThere(verb, c))
    .map((c) => `Cluster ${c.name} is already ${c.state}`)
  const todo = targets.filter((c) => !alreadyThere(verb, c))
  if (todo.length === 0) {
    const messages = notes.length > 0 ? notes : [`No clusters to ${verb}`]
    return answerOnly({ ...ok(commandLine, command, SUBCOMMAND, lines(messages)), done: true })
  }
  const planned = todo.map((cluster) => ({
    name: cluster.name,
    planned: PLANNERS[verb](ctx, cluster)
  }))
  return accepted(ctx, verb, commandLine, planned, notes)
}

/** `add|start|stop|delete cluster …`: validates, changes the hub at once, plans the rest. */
export function runAction(
  ctx: ActionContext,
  verb: ActionVerb,
  args: string[],
  commandLine: string
): ActionResult {
  const [noun, ...rest] = args
  const problem = checkNoun(verb, noun)
  if (problem !== undefined) {
    return answerOnly(badRequest(problem, commandLine, COMMANDS[verb], SUBCOMMAND))
  }
  return verb === 'add'
    ? acceptAdd(ctx, rest, commandLine)
    : acceptTargets(ctx, verb, rest, commandLine)
}
