/** How people open doors: constants shared by forms and actions, free of zod (forms import them with the page). */
export const ACCESS_MODES = [
  { key: 'mobile', label: 'Mobile (phone as key)' },
  { key: 'card', label: 'Access card' },
  { key: 'remoteAccess', label: 'Remote unlock' },
  { key: 'tapToAccess', label: 'Tap to access' },
  { key: 'fingerprint', label: 'Fingerprint' },
  { key: 'faceAccess', label: 'Face' },
  { key: 'gps', label: 'GPS check' },
  { key: 'deviceLock', label: 'Require phone screen lock' },
] as const;
export type AccessModeKey = (typeof ACCESS_MODES)[number]['key'];

/** How a new person opens doors unless told otherwise: the "Add person" form's defaults, and the import's. */
export const NEW_PERSON_ACCESS = {
  mobile: true,
  card: true,
  remoteAccess: false,
  tapToAccess: true,
  fingerprint: false,
  faceAccess: false,
  gps: false,
  deviceLock: false,
  clickToAccessRange: 3,
} as const;
