// Files picked or dropped on the capture form: size-checked and hashed at once, held until the incident is saved.
import { useCallback, useState } from 'react';
import { DEFAULT_ATTACHMENT_LIMIT_BYTES, safeAttachmentName } from '../../../shared/domain';
import { prepareAttachment, type PreparedAttachment } from '../../db/attachments';

export interface PendingAttachments {
  files: PreparedAttachment[];
  /** One message per refused file (too big, unreadable, already attached); replaced on each add. */
  problems: string[];
  busy: boolean;
  add: (files: Iterable<File>) => Promise<void>;
  remove: (sha256: string) => void;
}

/** `initial`: files held from an earlier visit of the same form (read once, on mount). */
export function usePendingAttachments(limitBytes: number = DEFAULT_ATTACHMENT_LIMIT_BYTES, initial: readonly PreparedAttachment[] = []): PendingAttachments {
  const [files, setFiles] = useState<PreparedAttachment[]>(() => [...initial]);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const add = useCallback(
    async (incoming: Iterable<File>) => {
      setBusy(true);
      const found: string[] = [];
      const accepted: PreparedAttachment[] = [];
      // One at a time: each file is read once, and a 5 MB photo never sits in memory twice.
      for (const file of incoming) {
        try {
          const result = await prepareAttachment({ blob: file, name: file.name }, limitBytes);
          if (result.ok) accepted.push(result.value);
          else found.push(result.error.message);
        } catch {
          found.push(`"${safeAttachmentName(file.name).slice(0, 80)}" could not be read, so it was not attached. Try picking it again.`);
        }
      }
      const fresh: PreparedAttachment[] = [];
      for (const file of accepted) {
        const same = [...files, ...fresh].find((held) => held.sha256 === file.sha256);
        if (same) found.push(`"${safeAttachmentName(file.name).slice(0, 80)}" is the same file as "${safeAttachmentName(same.name).slice(0, 80)}", which is already attached.`);
        else fresh.push(file);
      }
      // Merged against the latest list too, in case two adds overlapped.
      setFiles((current) => [...current, ...fresh.filter((file) => !current.some((held) => held.sha256 === file.sha256))]);
      setProblems(found);
      setBusy(false);
    },
    [limitBytes, files],
  );

  const remove = useCallback((sha256: string) => setFiles((current) => current.filter((file) => file.sha256 !== sha256)), []);

  return { files, problems, busy, add, remove };
}
