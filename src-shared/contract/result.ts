import { z } from 'zod'

/** Every failure that crosses the boundary carries one of these codes, so the UI can explain it. */
export const ErrorCode = z.enum([
  'invalid-request',
  'unknown-method',
  'not-found',
  'unavailable',
  'auth-failed',
  'forbidden',
  'internal'
])
export type ErrorCode = z.infer<typeof ErrorCode>

export const AppError = z.object({
  code: ErrorCode,
  message: z.string(),
  retryable: z.boolean()
})
export type AppError = z.infer<typeof AppError>

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (code: ErrorCode, message: string, retryable = false): Result<never> => ({
  ok: false,
  error: { code, message, retryable }
})
