// Where an alert's text sends the person: OS notices say how to find the incident in Lantern; the in-app centre needs no such hint.

/** Linux shows no action buttons reliably, so every OS notice body also says where to find the incident in the app. */
export function findItText(incidentNumber: string): string {
  return `Open Lantern and search for ${incidentNumber}.`;
}

const FIND_IT = /\s*Open Lantern and search for \S+\.$/;
const OPEN_LANTERN = /\bOpen Lantern → /;

/**
 * The body as the in-app notification centre shows it. The reader is already in Lantern and the entry itself opens
 * the incident, so "Open Lantern and search for …" is dropped and "Open Lantern → Settings" reads "Go to Settings".
 * Done when shown, not when stored, so entries recorded by earlier versions read the same.
 */
export function inAppBody(body: string): string {
  return body.replace(FIND_IT, '').replace(OPEN_LANTERN, 'Go to ');
}
