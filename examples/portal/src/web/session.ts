import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Actor, Standard } from '@ak1/core'

/**
 * The one hook a real portal replaces: who sends this request, as the library's `Actor` (a user id
 * and the role they act in), or `null` for an anonymous visitor. The library, not the screens,
 * decides what that actor may do.
 */
export type Authenticate = (request: Request) => Actor | null | Promise<Actor | null>

/** Signs and checks the small values the demo keeps in cookies (session, CSRF). */
export interface Signer {
  sign(value: string): string
  /** The value, or `null` when the signature does not match. */
  unsign(signed: string): string | null
  /** A keyed hash of `value` (the CSRF token of a cookie). */
  mac(value: string): string
}

/** A {@link Signer} with a random secret (sessions end when the process restarts). */
export function createSigner(secret: Uint8Array = randomBytes(32)): Signer {
  const mac = (value: string) => createHmac('sha256', secret).update(value).digest('base64url')
  return {
    mac,
    sign: (value) => `${Buffer.from(value).toString('base64url')}.${mac(value)}`,
    unsign(signed) {
      const [body, signature] = signed.split('.')
      if (!body || !signature) return null
      const value = Buffer.from(body, 'base64url').toString('utf8')
      return safeEqual(signature, mac(value)) ? value : null
    },
  }
}

/** Constant-time comparison of two strings. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** Name of the demo session cookie. */
export const sessionCookie = 'ak1_demo_session'

/** Reads one cookie from a request's `Cookie` header. */
export function cookieOf(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return decodeURIComponent(rest.join('='))
  }
  return undefined
}

/** The demo user of a role: one per role the standard names, besides the applicant. */
export function demoActor(role: string): Actor {
  return { id: `demo-${role.replaceAll('_', '-')}`, role }
}

/** The roles the demo login offers: every role of the standard except the applicant's. */
export function staffRoles(standard: Standard): Standard['roles'] {
  return standard.roles.filter((role) => role.id !== standard.applicant.role)
}

/**
 * The demo's {@link Authenticate}: a signed cookie naming a role the standard knows, set by the role
 * picker. A real portal passes its own hook (its SSO, its user table) instead.
 */
export function demoAuthenticate(signer: Signer, standard: Standard): Authenticate {
  const roles = new Set(staffRoles(standard).map((r) => r.id))
  return (request) => {
    const cookie = cookieOf(request, sessionCookie)
    const role = cookie ? signer.unsign(cookie) : null
    return role && roles.has(role) ? demoActor(role) : null
  }
}
