import { useRevalidator } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { follow } from '#app/components/realtime/socket.client';
import { useLiveSocket } from '#app/components/realtime/use-live-socket';
import { SeatsLeft, type VisitFacts } from '#app/components/visits/visit-page-facts';

type Availability = VisitFacts['availability'];

/** While the socket is not connected, a page whose booking waits re-reads its data this often. */
const fallbackRefreshMs = 30_000;

const countsOf = ({ seats, taken, free, waiting }: Availability): Availability => ({ seats, taken, free, waiting });

/**
 * The seats left of a visit, kept current. The server renders the loader's counts, so without
 * JavaScript (or signed out: a visitor has no socket) the page reads as before, current on each
 * load. Signed in, the tab's socket watches the visit: each `visit:seats` updates the counter,
 * a polite live region. When one of the viewer's bookings is pending or waiting (`followsBooking`),
 * each event also re-reads the page, so its waiting position and a promotion show at once; while
 * the socket is not connected, such a page re-reads every 30 s instead.
 */
export function LiveSeats({
  visitId,
  availability,
  watch,
  followsBooking,
}: {
  visitId: string;
  availability: Availability;
  watch: boolean;
  followsBooking: boolean;
}) {
  const counts = useLiveSeats(visitId, availability, { watch, followsBooking });
  return <SeatsLeft availability={counts} />;
}

function useLiveSeats(visitId: string, loaded: Availability, options: { watch: boolean; followsBooking: boolean }): Availability {
  // The loader's counts win each time the loader runs again (after a form, a re-read).
  const [counts, setCounts] = useState(() => countsOf(loaded));
  const [loadedBefore, setLoadedBefore] = useState(loaded);
  if (loaded !== loadedBefore) {
    setLoadedBefore(loaded);
    setCounts(countsOf(loaded));
  }

  const revalidator = useRevalidator();
  const refresh = useRef(() => {});
  refresh.current = () => revalidator.revalidate();
  const followsBooking = useRef(options.followsBooking);
  followsBooking.current = options.followsBooking;

  const { socket, connected } = useLiveSocket(options.watch);
  useEffect(() => {
    if (!socket) return;
    // An event received after the watch was sent is at least as fresh as the watch's answer.
    let eventSinceWatch = false;
    let joinedBefore = false;
    const onSeats = (payload: Availability & { visitId: string }) => {
      if (payload.visitId !== visitId) return;
      eventSinceWatch = true;
      setCounts(countsOf(payload));
      if (followsBooking.current) refresh.current();
    };
    const join = () => {
      eventSinceWatch = false;
      socket.emit('visit:watch', { visitId }, (answer) => {
        if (answer.ok && !eventSinceWatch) setCounts(countsOf(answer.availability));
      });
      // Back after a loss: what the viewer's booking went through meanwhile is read from the page.
      if (joinedBefore && followsBooking.current) refresh.current();
      joinedBefore = true;
    };
    socket.on('visit:seats', onSeats);
    const stop = follow(socket, `visit:${visitId}`, { join, leave: () => socket.emit('visit:unwatch', { visitId }) });
    return () => {
      socket.off('visit:seats', onSeats);
      stop();
    };
  }, [socket, visitId]);

  // The slow way, only while no event can arrive.
  const polling = options.followsBooking && !connected;
  useEffect(() => {
    if (!polling) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') refresh.current();
    }, fallbackRefreshMs);
    return () => window.clearInterval(timer);
  }, [polling]);

  return counts;
}
