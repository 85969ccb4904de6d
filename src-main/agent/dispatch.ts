import {
  fail,
  isMethodName,
  methods,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
  type Result
} from '@contract'

export type Handlers = {
  [M in MethodName]: (
    input: MethodParsedInput<M>
  ) => Result<MethodOutput<M>> | Promise<Result<MethodOutput<M>>>
}

/**
 * The single entry point both transports use: validates the method name and its payload against
 * the contract, runs the handler, and turns anything thrown into an error value.
 */
export async function dispatch(
  handlers: Handlers,
  method: unknown,
  input: unknown
): Promise<Result<unknown>> {
  if (!isMethodName(method)) return fail('unknown-method', `Unknown method ${String(method)}`)
  const parsed = methods[method].input.safeParse(input ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return fail(
      'invalid-request',
      `Invalid ${method} request: ${issue ? `${issue.path.join('.') || 'input'} ${issue.message}` : 'bad input'}`
    )
  }
  try {
    const handler = handlers[method] as (input: unknown) => Promise<Result<unknown>>
    return await handler(parsed.data)
  } catch (error) {
    return fail('internal', error instanceof Error ? error.message : String(error))
  }
}
