// What both hosts tell a person when a file cannot be fetched from HQ: the same words in Electron and in browser mode.
export const FILE_FETCH_MESSAGES = {
  notConnected: 'This device is not connected to HQ, so the file cannot be fetched. Connect it in Sync settings first.',
  offline: 'HQ could not be reached, so the file was not fetched. Check the network and try again.',
  notAtHq: 'HQ does not hold this whole file (yet): the device that attached it may not have sent it. Try again after that device has synced.',
  failed: 'HQ could not send the file just now. Try again later.',
} as const;
