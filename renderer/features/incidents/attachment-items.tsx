// One row of the Attachments list: a file on this device (preview, Open) or one only HQ holds (Download from HQ).
import { formatBytes, safeAttachmentName } from '../../../shared/domain';
import type { IncidentFile } from '../../db/attachments-names';
import type { LocalAttachment } from '../../db/attachments-stored';
import { saveBlob } from '../save-blob';
import { AttachmentPreview } from './attachment-preview';
import { useFetchFromHq } from './use-fetch-from-hq';

/** Characters of the SHA-256 shown as the evidence reference: enough to tell files apart and to quote by phone. */
const EVIDENCE_REF_CHARS = 12;

/** A file this incident holds with its bytes here. */
type LocalIncidentFile = IncidentFile & LocalAttachment;

/**
 * The name is the one this incident attached the file under (another incident may know the same bytes by another
 * name); the same bytes attached here again under other names are one file, and those names are said, so every
 * "Attached …" entry of the timeline can be found in this list.
 */
function FileFacts({ file }: { file: IncidentFile }) {
  const shown = safeAttachmentName(file.name);
  // Compared as shown: two names that differ only in hidden characters read the same, so one is enough.
  const others = [...new Set(file.names.map(safeAttachmentName))].filter((name) => name !== shown);
  return (
    <>
      <span className="attachment-label">
        <span className="attachment-name">{shown}</span>
        {others.length > 0 && <span className="hint attachment-aliases">{`Also attached here as ${others.join(', ')}`}</span>}
      </span>
      <span className="hint">{formatBytes(file.size)}</span>
      <span className="hint mono" title={`SHA-256 ${file.sha256}`}>{`SHA-256 ${file.sha256.slice(0, EVIDENCE_REF_CHARS)}`}</span>
    </>
  );
}

export function LocalAttachmentItem({ file }: { file: LocalIncidentFile }) {
  return (
    <li className="attachment-item">
      <AttachmentPreview file={file} />
      <FileFacts file={file} />
      <button type="button" onClick={() => openFile(file)} aria-label={`Open ${safeAttachmentName(file.name)}`}>Open</button>
    </li>
  );
}

/** A file another device attached: HQ holds it, this device knows its name, size and hash only. */
export function RemoteAttachmentItem({ file }: { file: IncidentFile }) {
  const { state, start } = useFetchFromHq(file.sha256);
  const busy = state.kind === 'busy';
  return (
    <li className="attachment-item attachment-remote">
      <span className="attachment-icon" aria-hidden="true">☁</span>
      <FileFacts file={file} />
      <span className="attachment-where">{busy ? 'Downloading from HQ…' : 'At HQ, not on this device'}</span>
      {start && (
        <button type="button" onClick={start} disabled={busy} aria-label={`Download ${safeAttachmentName(file.name)} from HQ`}>
          Download from HQ
        </button>
      )}
      {state.kind === 'failed' && <p role="alert" className="form-error attachment-error">{state.message}</p>}
    </li>
  );
}

/** Hands the file to the system as a download (see saveBlob) under this incident's name for it. */
function openFile(file: LocalIncidentFile) {
  saveBlob(file.blob, file.name);
}
