import { ProviderError } from '../providers/errors'
import type { WriteFailure } from './protocol'

/** An error as it can cross a thread: provider errors keep their kind and code. */
export function toFailure(error: unknown): WriteFailure {
  if (error instanceof ProviderError) {
    return {
      kind: error.kind,
      message: error.message,
      ...(error.code === undefined ? {} : { code: error.code })
    }
  }
  // A database that refused the write (full disk, a removed account) is not the server's fault,
  // but to the account it is the same: this sync did not land.
  return {
    kind: 'protocol',
    message: `The cache could not be written: ${error instanceof Error ? error.message : String(error)}`
  }
}

export const fromFailure = (failure: WriteFailure): ProviderError =>
  new ProviderError(failure.kind, failure.message, failure.code)
