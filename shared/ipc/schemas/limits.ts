// Size limits shared by the IPC schemas, so a hostile page cannot push huge strings through the bridge.

/** Longest URL the app will hand to the operating system (browsers cope with more; links we open never need it). */
export const MAX_EXTERNAL_URL_LENGTH = 4096;

/** Longest identifier accepted in an IPC payload (incident ids are far shorter). */
export const MAX_ID_LENGTH = 128;

/** Longest free-text label (versions, platform names, backend names) returned by main. */
export const MAX_LABEL_LENGTH = 256;
