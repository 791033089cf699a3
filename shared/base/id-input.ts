/**
 * The ids every request names things by, written once.
 *
 * A connection profile, a run, a session or an explain is named by an id the
 * main process handed out (or the caller chose): never empty, never long. Most
 * requests act on one connection, so `connectionInput` is the start of their
 * input, extended with what else they need.
 */
import { z } from 'zod'

export const idSchema = z.string().min(1).max(100)

/** `{ id }`: the input of requests about one saved profile. */
export const idInput = z.object({ id: idSchema })

/** `{ connectionId }`: the input of requests about one open connection. */
export const connectionInput = z.object({ connectionId: idSchema })
