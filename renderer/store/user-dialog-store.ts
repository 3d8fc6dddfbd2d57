// Whether the "Who is working" dialog is open, so a form can open the same dialog the top bar does.
import { create } from 'zustand';

/** Where focus goes when the dialog closes: `named` is true when a name was set (the opener may be gone by then). */
export type UserDialogReturn = (named: boolean) => void;

interface UserDialogState {
  open: boolean;
  /** Set when something other than the top bar opened the dialog; null sends focus back to the top bar's button. */
  returnTo: UserDialogReturn | null;
  openUserDialog(returnTo?: UserDialogReturn): void;
  closeUserDialog(): void;
}

export const useUserDialogStore = create<UserDialogState>((set) => ({
  open: false,
  returnTo: null,
  openUserDialog: (returnTo) => set({ open: true, returnTo: returnTo ?? null }),
  closeUserDialog: () => set({ open: false, returnTo: null }),
}));
