// Thrown when a command that only works on an existing HQ store (enroll, new-epoch, backup) finds none there.
export class StoreMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreMissingError';
  }
}
