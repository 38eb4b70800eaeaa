import type { Request } from 'express';
import type { Config } from '../config/config';

/** Host names that can only mean this machine: a link to them cannot take a token elsewhere. */
const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d{1,5})?$/i;

/**
 * The origin for links in e-mails (password reset, decision notices), or null when there is none
 * to trust. The Host header is the sender's to write: with `Host: attacker.example` a reset
 * link would hand its token to the attacker's page. So only PUBLIC_URL counts, or, without it,
 * a Host that names loopback (development on one's own machine).
 */
export function linkOrigin(config: Config, req: Request): string | null {
  if (config.publicUrl) return config.publicUrl;
  const host = req.get('host');
  return host && LOOPBACK_HOST.test(host) ? `${req.protocol}://${host}` : null;
}

export const NO_LINK_ORIGIN =
  'PUBLIC_URL is not set and the request named a host other than loopback: no e-mail with a link is sent. Set PUBLIC_URL to the address people use.';
