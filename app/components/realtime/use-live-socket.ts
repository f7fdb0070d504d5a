import { useEffect, useState } from 'react';
import { liveSocket, type LiveSocket } from './socket.client';

/**
 * The tab's shared socket once loaded (null before, on the server, and when `enabled` is false),
 * and whether it is connected now, for a part that falls back to something slower meanwhile.
 */
export function useLiveSocket(enabled: boolean): { socket: LiveSocket | null; connected: boolean } {
  const [socket, setSocket] = useState<LiveSocket | null>(null);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let loaded: LiveSocket | null = null;
    const up = () => setConnected(true);
    const down = () => setConnected(false);
    liveSocket()
      .then((socket) => {
        if (stopped) return;
        loaded = socket;
        socket.on('connect', up);
        socket.on('disconnect', down);
        socket.on('connect_error', down);
        setConnected(socket.connected);
        setSocket(socket);
      })
      // socket.io-client could not be loaded (offline): the page works without live updates.
      .catch(() => {});
    return () => {
      stopped = true;
      loaded?.off('connect', up);
      loaded?.off('disconnect', down);
      loaded?.off('connect_error', down);
    };
  }, [enabled]);
  return { socket: enabled ? socket : null, connected: enabled && connected };
}
