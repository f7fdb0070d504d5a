import { Link, useNavigate } from '@remix-run/react';
import type { Map as LeafletMap, LayerGroup } from 'leaflet';
import leafletCss from 'leaflet/dist/leaflet.css?url';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FranceMap, MapDots } from './france-map';
import poleMapCss from './pole-map.css?url';
import { buttonClass } from '#app/components/ui';
import { polePath } from '#app/domain/paths';
import { inLocatorFrame, locatorFrame, project } from '#app/domain/poles/locator';

export type MapPole = { slug: string; name: string; town: string; latitude: number; longitude: number };

/** Spread into a route's `links` so the map's styles load with the page, not after it. */
export const poleMapLinks = [
  { rel: 'stylesheet', href: leafletCss },
  { rel: 'stylesheet', href: poleMapCss },
];

/**
 * Metropolitan France with Corsica, the frame of the pole pages' small map too. Overseas poles
 * (La Réunion, Guyane…) are listed under the map instead: fitting them in would zoom out to the
 * whole globe and make every marker unreadable.
 */
const metropolitanBounds: [[number, number], [number, number]] = [
  [locatorFrame.south, locatorFrame.west],
  [locatorFrame.north, locatorFrame.east],
];

/** `overview`: the SVG drawn on the server; then Leaflet, once the person asks for it. */
type MapState = 'overview' | 'opening' | 'ready' | 'failed';

/**
 * A map of poles. It first shows the poles as dots on an outline of France, drawn on the server:
 * no JavaScript, so it shows without scripts too and costs a list page nothing. « Carte
 * interactive » then loads Leaflet (about 45 KB) for sighted mouse users who want to zoom and
 * click. The list of poles on the same page is the accessible equivalent, and the caption says
 * so. Without tiles (offline) the markers still show on a grey background.
 */
/** `equivalent`: what the caption names as the map's accessible equivalent (by default, the list of poles). */
export function PoleMap({ poles, label, equivalent }: { poles: MapPole[]; label: string; equivalent?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const titleId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<{ map: LeafletMap; markers: LayerGroup } | null>(null);
  const [state, setState] = useState<MapState>('overview');
  // The button needs JavaScript: it appears once the page's scripts run.
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  const shown = poles.filter(inLocatorFrame);
  const overseas = poles.filter((pole) => !inLocatorFrame(pole));
  const opened = state !== 'overview';
  // Effects re-run only when the set of poles changes, not on every render's new array.
  const polesKey = JSON.stringify(poles);
  const zoomInTitle = t('profile.map.zoomIn');
  const zoomOutTitle = t('profile.map.zoomOut');
  const closePopupLabel = t('profile.map.closePopup');

  useEffect(() => {
    if (!opened) return;
    let cancelled = false;
    const visible: MapPole[] = JSON.parse(polesKey);
    (async () => {
      const module = await import('leaflet');
      const L = (module as unknown as { default?: typeof module }).default ?? module;
      const container = containerRef.current;
      if (cancelled || !container) return;
      if (!mapRef.current) {
        const map = L.map(container, { zoomControl: false, keyboard: false, scrollWheelZoom: false, attributionControl: false });
        L.control.zoom({ zoomInTitle, zoomOutTitle }).addTo(map);
        L.control.attribution({ prefix: false }).addTo(map);
        // Leaflet names its popup's close button in English only.
        map.on('popupopen', (event) => event.popup.getElement()?.querySelector('.leaflet-popup-close-button')?.setAttribute('aria-label', closePopupLabel));
        L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
          maxZoom: 18,
          attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
        }).addTo(map);
        mapRef.current = { map, markers: L.layerGroup().addTo(map) };
      }
      const { map, markers } = mapRef.current;
      markers.clearLayers();
      const onMap = visible.filter(inLocatorFrame);
      for (const pole of onMap) {
        L.circleMarker([pole.latitude, pole.longitude], { radius: 7, color: '#0f4231', weight: 2, fillColor: '#1d6b52', fillOpacity: 0.85 })
          .bindPopup(() => popupContent(pole, navigate))
          // An element, not a string: Leaflet would read a string as HTML.
          .bindTooltip(textElement(pole.name))
          .addTo(markers);
      }
      const bounds = onMap.length > 0 ? L.latLngBounds(onMap.map((pole) => [pole.latitude, pole.longitude])) : L.latLngBounds(metropolitanBounds);
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 10 });
      setState('ready');
    })().catch(() => {
      if (!cancelled) setState('failed');
    });
    return () => {
      cancelled = true;
    };
  }, [opened, polesKey, navigate, zoomInTitle, zoomOutTitle, closePopupLabel]);

  useEffect(
    () => () => {
      mapRef.current?.map.remove();
      mapRef.current = null;
    },
    [],
  );

  return (
    <figure className="space-y-2">
      <div className="relative h-80 overflow-hidden rounded-lg border border-gray-300 bg-white lg:h-[28rem]">
        {/* Leaflet owns this element's classes: React must never re-render its className. Empty
            until the map starts. */}
        <div ref={containerRef} className="pole-map absolute inset-0" />
        {state !== 'ready' ? (
          <FranceMap title={label} titleId={titleId} className="absolute inset-0 h-full w-full p-3" testId="pole-map-overview">
            <MapDots points={shown.map(project)} radius={14} className="fill-brand-600 stroke-white" strokeWidth={4} />
          </FranceMap>
        ) : null}
        {scripted && state !== 'ready' ? (
          <div className="absolute bottom-3 right-3 flex flex-col items-end gap-2">
            {state === 'failed' ? (
              <p role="status" className="max-w-xs rounded-md bg-white p-2 text-sm text-gray-900 shadow-card">
                {t('profile.map.failed')}
              </p>
            ) : null}
            <button
              type="button"
              className={buttonClass('secondary', 'sm')}
              aria-disabled={state === 'opening'}
              onClick={() => state !== 'opening' && setState('opening')}
            >
              {state === 'opening' ? t('profile.map.opening') : t('profile.map.open')}
            </button>
          </div>
        ) : null}
      </div>
      <figcaption className="text-sm text-gray-700">
        {label} {equivalent ?? t('profile.map.listIsEquivalent', { count: shown.length })}
        {overseas.length > 0 ? (
          <>
            {' '}
            {t('profile.map.overseas', { count: overseas.length })}{' '}
            {overseas.map((pole, index) => (
              <span key={pole.slug}>
                {index > 0 ? ', ' : null}
                <Link to={polePath(pole.slug)} className="text-brand-800 underline">
                  {pole.name}
                </Link>{' '}
                ({pole.town})
              </span>
            ))}
            .
          </>
        ) : null}
      </figcaption>
    </figure>
  );
}

function textElement(text: string): HTMLElement {
  const element = document.createElement('span');
  element.textContent = text;
  return element;
}

/** Built with the DOM API so a pole's name is always text, never markup. */
function popupContent(pole: MapPole, navigate: (to: string) => void): HTMLElement {
  const content = document.createElement('p');
  const link = document.createElement('a');
  link.href = polePath(pole.slug);
  link.textContent = pole.name;
  link.className = 'font-semibold text-brand-800 underline';
  // A plain click stays inside the app; a middle click or ctrl-click opens a tab as usual.
  link.addEventListener('click', (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(polePath(pole.slug));
  });
  const town = textElement(pole.town);
  town.className = 'block text-gray-700';
  content.append(link, town);
  return content;
}
