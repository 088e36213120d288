import type { SharedCommandHandler } from '../interaction.js';

/** Finding people and running the relation: home, find, request, requests, pause, resume, end. */
export const relationCommands: Readonly<Record<string, SharedCommandHandler>> = {};
