import { useCallback, useEffect, useRef, useState } from 'react';
import { follow, type LiveSocket } from '#app/components/realtime/socket.client';
import { useLiveSocket } from '#app/components/realtime/use-live-socket';
import type { LiveMessage, LiveThreadState, ThreadRefusal, ThreadSendAnswer } from '#app/utils/realtime.server';

/**
 * A live thread in the browser (decision 019). The page renders the messages up to `lastSeq`; the
 * tab's socket joins the thread with `after: lastSeq` and gets what came meanwhile, then every
 * `thread:message`. After a reconnection it joins again with the last seq it saw. Messages are
 * kept by id, so one received twice is shown once. Sending goes through `thread:send` with a key
 * made once per message and retried with the same key after a timeout: the server stores it once.
 */

type Person = { id: string; name: string };

/** The window event by which a thread page tells the header the person's unread total. */
export const unreadEvent = 'ptce:unread';

const sendTimeoutMs = 5000;
const sendAttempts = 3;
const typingEveryMs = 2500;
const typingShownMs = 5000;

function merge(current: LiveMessage[], incoming: LiveMessage[]): LiveMessage[] {
  if (incoming.length === 0) return current;
  const byId = new Map(current.map((message) => [message.id, message]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

export type LiveSend = { ok: true; message: LiveMessage } | ThreadRefusal | { ok: false; error: 'offline' };

export function useLiveThread(input: {
  threadId: string;
  enabled: boolean;
  viewerId: string;
  moderator: boolean;
  lastSeq: number;
  messages: LiveMessage[];
  state: LiveThreadState;
  /** Moderation muted the person from this thread's page: the form gives way to the notice at once. */
  onMuted?: (until: string) => void;
}) {
  const { threadId, enabled, viewerId, moderator } = input;
  const [messages, setMessages] = useState(input.messages);
  const [state, setState] = useState(input.state);
  const [present, setPresent] = useState<Person[]>([]);
  const [typing, setTyping] = useState<Array<Person & { at: number }>>([]);
  const [joined, setJoined] = useState(false);

  // The loader's data wins when it runs again (after a form sent over HTTP): merged, never lost.
  const [loaded, setLoaded] = useState(input.messages);
  if (loaded !== input.messages) {
    setLoaded(input.messages);
    setMessages((current) => merge(current, input.messages));
    setState(input.state);
  }

  const lastSeen = useRef(input.lastSeq);
  lastSeen.current = Math.max(lastSeen.current, messages.at(-1)?.seq ?? 0);
  const moderatorRef = useRef(moderator);
  moderatorRef.current = moderator;
  const onMutedRef = useRef(input.onMuted);
  onMutedRef.current = input.onMuted;

  const { socket, connected } = useLiveSocket(enabled);

  useEffect(() => {
    if (!socket) return;
    const mine = (payload: { threadId: string }) => payload.threadId === threadId;
    const onMessage = (payload: { threadId: string; message: LiveMessage }) => {
      if (!mine(payload)) return;
      setMessages((current) => merge(current, [payload.message]));
      // Whoever was typing has sent: no longer « écrit… ».
      setTyping((current) => current.filter((person) => person.id !== payload.message.authorId));
    };
    const onHidden = (payload: { threadId: string; messageId: string }) => {
      if (!mine(payload)) return;
      setMessages((current) =>
        current.map((message) => (message.id === payload.messageId ? { ...message, hidden: true, body: moderatorRef.current ? message.body : null } : message)),
      );
    };
    const onState = (payload: LiveThreadState) => {
      if (mine(payload)) setState(payload);
    };
    const onNotice = (payload: { kind: string; threadId: string | null; until: string | null }) => {
      if (payload.kind === 'muted' && payload.threadId === threadId && payload.until) onMutedRef.current?.(payload.until);
    };
    const onPresence = (payload: { threadId: string; joined: Person[]; left: string[] }) => {
      if (!mine(payload)) return;
      setPresent((current) => {
        const kept = current.filter((person) => !payload.left.includes(person.id) && !payload.joined.some((joined) => joined.id === person.id));
        return [...kept, ...payload.joined.filter((person) => person.id !== viewerId)];
      });
    };
    const onTyping = (payload: { threadId: string; person: Person }) => {
      if (!mine(payload) || payload.person.id === viewerId) return;
      setTyping((current) => [...current.filter((person) => person.id !== payload.person.id), { ...payload.person, at: Date.now() }]);
    };
    const join = () => {
      setJoined(false);
      socket.emit('thread:join', { threadId, after: lastSeen.current }, (answer) => {
        if (!answer.ok) return;
        setMessages((current) => merge(current, answer.messages));
        setState(answer.state);
        setPresent(answer.present.filter((person) => person.id !== viewerId));
        setJoined(true);
      });
    };
    socket.on('thread:message', onMessage);
    socket.on('thread:restored', onMessage);
    socket.on('thread:hidden', onHidden);
    socket.on('thread:state', onState);
    socket.on('moderation:notice', onNotice);
    socket.on('thread:presence', onPresence);
    socket.on('thread:typing', onTyping);
    const stop = follow(socket, `thread:${threadId}`, { join, leave: () => socket.emit('thread:leave', { threadId }) });
    return () => {
      socket.off('thread:message', onMessage);
      socket.off('thread:restored', onMessage);
      socket.off('thread:hidden', onHidden);
      socket.off('thread:state', onState);
      socket.off('moderation:notice', onNotice);
      socket.off('thread:presence', onPresence);
      socket.off('thread:typing', onTyping);
      stop();
    };
  }, [socket, threadId, viewerId]);

  // « X écrit… » fades 5 s after the last sign.
  useEffect(() => {
    if (typing.length === 0) return;
    const timer = window.setTimeout(() => setTyping((current) => current.filter((person) => Date.now() - person.at < typingShownMs)), 1000);
    return () => window.clearTimeout(timer);
  }, [typing]);

  // What is on screen is read: the server's read mark moves, and the header gets the new total.
  const newest = messages.at(-1)?.seq ?? 0;
  useEffect(() => {
    if (!socket || !joined || newest === 0) return;
    const markRead = () => {
      if (document.visibilityState !== 'visible') return;
      socket.emit('thread:read', { threadId, seq: newest }, (answer) => {
        if (answer.ok) window.dispatchEvent(new CustomEvent(unreadEvent, { detail: answer.unread }));
      });
    };
    markRead();
    document.addEventListener('visibilitychange', markRead);
    return () => document.removeEventListener('visibilitychange', markRead);
  }, [socket, joined, threadId, newest]);

  const lastTyping = useRef(0);
  const signalTyping = useCallback(() => {
    if (!socket?.connected || Date.now() - lastTyping.current < typingEveryMs) return;
    lastTyping.current = Date.now();
    socket.emit('thread:typing', { threadId });
  }, [socket, threadId]);

  const send = useCallback(
    async (text: string, poleId: string | undefined): Promise<LiveSend> => {
      if (!socket?.connected) return { ok: false, error: 'offline' };
      const answer = await sendWithRetry(socket, { threadId, text, key: crypto.randomUUID(), ...(poleId ? { poleId } : {}) });
      if (answer.ok) setMessages((current) => merge(current, [answer.message]));
      return answer;
    },
    [socket, threadId],
  );

  return { messages, state, present, typing, connected: connected && joined, send, signalTyping };
}

/** `thread:send`, tried again with the same key when no answer comes in time (the server stores it once). */
async function sendWithRetry(socket: LiveSocket, request: { threadId: string; text: string; key: string; poleId?: string }): Promise<LiveSend> {
  for (let attempt = 1; attempt <= sendAttempts; attempt++) {
    try {
      return (await socket.timeout(sendTimeoutMs).emitWithAck('thread:send', request)) as ThreadSendAnswer;
    } catch {
      // No answer in time: the same key again, unless the socket is gone (the form takes over).
      if (!socket.connected) return { ok: false, error: 'offline' };
    }
  }
  return { ok: false, error: 'unavailable' };
}
