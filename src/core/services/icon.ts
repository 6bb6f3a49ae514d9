// A Smart Service's icon (PLATFORM.md: "an SVG of at most 8 KB, served sanitised"). An SVG is a
// document that can carry scripts, event handlers and links, so what a manifest brings is never
// served as given: DOMPurify (the maintained sanitiser browsers' own projects use) keeps the SVG and
// SVG-filter vocabulary and drops everything else, and what is stored and served is that result,
// serialised as XML (a standalone image/svg+xml needs its namespace and well-formed markup, which
// the HTML serialiser does not promise). The route adds a CSP that forbids any script or load.
//
// jsdom (DOMPurify's DOM on Node) is large: it is loaded at the first icon, not at every start.
import { fail } from '../errors.js';

/** 8 KB: of the manifest's SVG text, and of what is stored. */
const MAX_ICON_BYTES = 8 * 1024;

type Sanitise = (svg: string) => string | undefined;
let sanitiser: Promise<Sanitise> | undefined;

async function loadSanitiser(): Promise<Sanitise> {
  const [{ default: createDOMPurify }, { JSDOM }] = await Promise.all([import('dompurify'), import('jsdom')]);
  const { window } = new JSDOM('');
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  const serializer = new window.XMLSerializer();
  return (svg) => {
    const fragment = purify.sanitize(svg, { USE_PROFILES: { svg: true, svgFilters: true }, RETURN_DOM_FRAGMENT: true });
    // Exactly one root, an <svg> in the SVG namespace; text beside it (what is left of markup that
    // was not SVG) means the manifest did not bring an SVG.
    const nodes = [...fragment.childNodes].filter((n) => !(n.nodeType === window.Node.TEXT_NODE && !n.textContent?.trim()));
    const root = nodes[0];
    if (nodes.length !== 1 || root?.nodeType !== window.Node.ELEMENT_NODE) return undefined;
    const element = root as Element;
    if (element.localName !== 'svg' || element.namespaceURI !== 'http://www.w3.org/2000/svg') return undefined;
    return serializer.serializeToString(element);
  };
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * The icon as it is stored and served, or `400 service.icon_invalid`: not a string, more than 8 KB,
 * or nothing of an SVG left after sanitising.
 */
export async function sanitiseIcon(icon: unknown): Promise<string> {
  if (typeof icon !== 'string' || bytes(icon) > MAX_ICON_BYTES)
    fail('service.icon_invalid', { publicDetail: `The icon is an SVG document of at most ${MAX_ICON_BYTES} bytes.` });
  sanitiser ??= loadSanitiser();
  const clean = (await sanitiser)(icon);
  if (clean === undefined)
    fail('service.icon_invalid', { publicDetail: 'The icon is not an SVG document (one <svg> element) once sanitised.' });
  if (bytes(clean) > MAX_ICON_BYTES)
    fail('service.icon_invalid', { publicDetail: `The sanitised icon is larger than ${MAX_ICON_BYTES} bytes.` });
  return clean;
}
