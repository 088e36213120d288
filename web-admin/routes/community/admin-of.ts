import type { FastifyRequest } from 'fastify';
import type { AdminContext } from '../../render.js';

/** The admin context the community gate set; its absence is a wiring bug, not a visitor's mistake. */
export function adminOf(request: FastifyRequest): AdminContext {
  if (!request.admin) throw new Error('community route reached without the community gate');
  return request.admin;
}
