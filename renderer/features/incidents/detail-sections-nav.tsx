// "Jump to" bar of the incident detail: one button per section on screen; it scrolls the section up and focuses its heading.
import { useLayoutEffect, useRef, useState } from 'react';
import './detail-sections-nav.css';

/** Short names for the bar, by section class: the headings are longer or carry counts ("Checklist 2 of 8 done"). */
const SHORT_LABELS: Readonly<Record<string, string>> = {
  'detail-fields-section': 'Fields',
  'links-section': 'Links',
  'incident-attachments': 'Files',
  'checklist-section': 'Checklist',
  'system-status-section': 'Systems',
  'evidence-section': 'Evidence',
  'review-section': 'Review',
  'timeline-section': 'Timeline',
};

interface SectionLink {
  headingId: string;
  label: string;
}

/**
 * Must be a direct child of the detail article: the sections are its siblings, found in the page itself (each
 * `section[aria-labelledby]`), so a section that shows only sometimes (the review) is listed exactly while it shows,
 * and a section added later is listed without touching this file.
 */
export function DetailSectionsNav() {
  const navRef = useRef<HTMLElement>(null);
  const [sections, setSections] = useState<readonly SectionLink[]>([]);

  // Layout effect: the bar is filled before the first paint, so it does not pop in.
  useLayoutEffect(() => {
    const container = navRef.current?.parentElement;
    if (!container) return;
    const read = () => {
      const found = findSections(container);
      // Sections come and go rarely; the list is replaced only when it changed, so no render loop.
      setSections((current) => (sameSections(current, found) ? current : found));
    };
    read();
    // Only the article's own children: typing inside a section does not wake this up.
    const observer = new MutationObserver(read);
    observer.observe(container, { childList: true });
    return () => observer.disconnect();
  }, []);

  // The bar may wrap in a narrow pane: its height goes to the sections' scroll margin (CSS), so a jump never hides a
  // heading under it. (The article has no style prop, so React leaves this property alone.)
  useLayoutEffect(() => {
    const nav = navRef.current;
    const container = nav?.parentElement;
    if (!nav || !container || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => container.style.setProperty('--sections-nav-height', `${nav.offsetHeight}px`));
    observer.observe(nav);
    return () => {
      observer.disconnect();
      container.style.removeProperty('--sections-nav-height');
    };
  }, []);

  return (
    <nav ref={navRef} className="sections-nav" aria-label="Incident sections">
      <span className="sections-nav-label">Jump to</span>
      <ul>
        {sections.map((section) => (
          <li key={section.headingId}>
            <button type="button" className="ghost" onClick={() => jumpTo(section.headingId)}>{section.label}</button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function findSections(container: HTMLElement): SectionLink[] {
  const links: SectionLink[] = [];
  for (const child of Array.from(container.children)) {
    if (!(child instanceof HTMLElement) || child.tagName !== 'SECTION') continue;
    const headingId = child.getAttribute('aria-labelledby');
    const heading = headingId ? child.ownerDocument.getElementById(headingId) : null;
    if (!headingId || !heading) continue;
    const known = Array.from(child.classList).find((name) => name in SHORT_LABELS);
    const label = known ? SHORT_LABELS[known] : headingText(heading);
    if (label) links.push({ headingId, label });
  }
  return links;
}

/** The heading's own words, without trailing counts in child elements. */
function headingText(heading: HTMLElement): string {
  const first = heading.firstChild;
  return (first?.nodeType === Node.TEXT_NODE ? first.textContent : heading.textContent)?.trim() ?? '';
}

function sameSections(a: readonly SectionLink[], b: readonly SectionLink[]): boolean {
  return a.length === b.length && a.every((link, i) => link.headingId === b[i]?.headingId && link.label === b[i]?.label);
}

function jumpTo(headingId: string) {
  const heading = document.getElementById(headingId);
  if (!heading) return;
  // Scroll the whole section to the top (its scroll-margin keeps it clear of this sticky bar), then move focus without
  // a second scroll, so that Tab continues inside the section and a screen reader reads its heading.
  (heading.closest('section') ?? heading).scrollIntoView?.({ block: 'start' });
  // Headings are not focusable by default; -1 makes them focusable by script only, not an extra Tab stop.
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus({ preventScroll: true });
}
