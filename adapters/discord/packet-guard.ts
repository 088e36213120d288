import type { Client } from 'discord.js';
import type { Log } from '../../core/ports/log.js';

interface PacketHandling {
  handlePacket?: (packet: unknown, shard: unknown) => boolean;
}

/**
 * discord.js turns each gateway dispatch into objects synchronously, inside
 * the WebSocket message callback; a malformed payload (a field Discord should
 * always send but did not) throws there and surfaces as an unhandled promise
 * rejection, out of reach of any event listener. This wraps the client's
 * packet handler so such a payload is logged and dropped, and the next one is
 * handled as usual.
 *
 * `handlePacket` is internal to discord.js; the end-to-end test that sends a
 * malformed payload fails if a discord.js upgrade renames it.
 */
export function guardPacketHandling(client: Client, log: Log): void {
  const manager = client.ws as unknown as PacketHandling;
  const original = manager.handlePacket;
  if (typeof original !== 'function') {
    log.warn({}, 'discord.js has no WebSocketManager.handlePacket: malformed gateway payloads are not guarded');
    return;
  }
  manager.handlePacket = function guardedHandlePacket(this: unknown, packet, shard) {
    try {
      return original.call(this, packet, shard);
    } catch (error) {
      const event = typeof packet === 'object' && packet !== null ? (packet as { t?: unknown }).t : undefined;
      log.error({ err: error, event }, 'dropped a malformed Discord gateway payload');
      return true;
    }
  };
}
