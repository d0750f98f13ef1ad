import { isIP } from 'node:net'

/**
 * Who is on the other end of a request, as far as headers can tell. The Remix request carries no
 * socket address, so the client IP comes from the reverse proxy's X-Forwarded-For. Only the entries
 * our own proxies appended can be trusted: we take the one `trustedProxyHops` from the right
 * (1 = the address our edge proxy saw). Anything before it is whatever the client chose to send.
 */
export interface ClientIpOptions {
  /** How many proxies in front of the app append to X-Forwarded-For (default 1). */
  trustedProxyHops?: number
}

const MAX_USER_AGENT = 512

/** The client's IP address, normalised, or null when no trustworthy address is present. */
export function getClientIp(request: Request, { trustedProxyHops = 1 }: ClientIpOptions = {}): string | null {
  const forwarded = request.headers.get('x-forwarded-for')
  if (forwarded && trustedProxyHops > 0) {
    const hops = forwarded
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
    const candidate = hops[hops.length - trustedProxyHops]
    const ip = candidate ? normaliseIp(candidate) : null
    if (ip) return ip
  }
  const real = request.headers.get('x-real-ip')
  return real ? normaliseIp(real.trim()) : null
}

/** The User-Agent header, cut to a sane length for storage. */
export function getUserAgent(request: Request): string | null {
  const ua = request.headers.get('user-agent')
  return ua ? ua.slice(0, MAX_USER_AGENT) : null
}

/**
 * The rate-limit bucket key of an address: IPv4 as is, IPv6 by its /64 prefix, because one
 * subscriber usually holds a whole /64 and could otherwise rotate through it.
 */
export function ipBucketKey(ip: string): string {
  if (isIP(ip) !== 6) return ip
  return `${expandIpv6(ip).slice(0, 4).join(':')}::/64`
}

/** Strips ports, brackets and IPv4-mapped prefixes; returns null for anything that is not an IP. */
export function normaliseIp(value: string): string | null {
  let v = value.trim()
  if (v.startsWith('[')) v = v.slice(1, v.indexOf(']') === -1 ? undefined : v.indexOf(']'))
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(':'))
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(v)
  if (mapped) v = mapped[1]!
  const kind = isIP(v)
  if (kind === 4) return v
  if (kind === 6) return expandIpv6(v).map((g) => g.replace(/^0+(?=.)/, '')).join(':')
  return null
}

function expandIpv6(ip: string): string[] {
  const [head = '', tail] = ip.toLowerCase().split('%')[0]!.split('::') as [string, string?]
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  // an embedded IPv4 tail (::ffff:1.2.3.4 style) counts as two groups
  const last = right.length ? right : left
  const v4 = last[last.length - 1]
  if (v4 && v4.includes('.')) {
    const parts = v4.split('.').map(Number)
    last.splice(
      last.length - 1,
      1,
      ((parts[0]! << 8) | parts[1]!).toString(16),
      ((parts[2]! << 8) | parts[3]!).toString(16),
    )
  }
  const missing = tail === undefined ? 0 : 8 - left.length - right.length
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => g.padStart(4, '0'))
}
