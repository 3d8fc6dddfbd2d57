// "Recording as Unknown user.": said beside Save while nobody has given a name, with a way to give it (never in the way of saving).
import { useRef } from 'react';
import { DEFAULT_AUTHOR } from '../../db';
import { useUserDialogStore } from '../../store/user-dialog-store';
import { useCurrentUser } from '../user/use-current-user';
import './recording-as.css';

/** `afterNamed`: where focus goes once a name is set (this line, with its button, is gone by then). */
export function RecordingAs({ afterNamed }: { afterNamed: () => void }) {
  const user = useCurrentUser();
  const openUserDialog = useUserDialogStore((s) => s.openUserDialog);
  const buttonRef = useRef<HTMLButtonElement>(null);
  // Nothing while the name is still loading: the line must not flash for someone who has set theirs.
  if (user === undefined || user.name !== DEFAULT_AUTHOR.name) return null;
  return (
    <p className="recording-as">
      <span>Recording as {DEFAULT_AUTHOR.name}.</span>
      <button type="button" className="link-button" ref={buttonRef} aria-haspopup="dialog"
        onClick={() => openUserDialog((named) => (named ? afterNamed() : buttonRef.current?.focus()))}>
        Set your name
      </button>
    </p>
  );
}
