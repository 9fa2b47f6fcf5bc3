/**
 * The Spintly integrator API contract: every endpoint the portal uses, with its method, path template,
 * request schema and answer schema. Both the portal's client and the local sandbox are built on this
 * one table, so they cannot drift apart; correcting an assumed path or shape is a one-line change here.
 *
 * Provenance follows ../shared/spintly-api.md: `seen` = used by a public caller or stated by Spintly,
 * `assumed` = not observed, defined here and served by the sandbox. Every assumption is marked where it is made.
 *
 * This module holds no secret and is imported by the sandbox (plain Node) as well as the portal.
 */
import { z } from 'zod';
import { PHONE_SHAPE } from '../core/phone';
import { CARD_NUMBER_PATTERN } from './card-number';

export type Provenance = 'seen' | 'assumed';

/** Largest page the API serves. [assumed] */
export const MAX_PER_PAGE = 100;

/** Grant type sent by the SAAMS-style token request. [seen] */
export const SAAMS_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:client-credentials';

// ---------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------

const id = z.number().int().positive();
const isoDateTime = z.string().min(1);

export const paginationRequestSchema = z.strictObject({
  page: z.number().int().min(1),
  perPage: z.number().int().min(1).max(MAX_PER_PAGE),
});
export type PaginationRequest = z.infer<typeof paginationRequestSchema>;

export const paginationAnswerSchema = z.object({
  total: z.number().int().min(0),
  perPage: z.number().int().min(1),
  currentPage: z.number().int().min(1),
});
export type PaginationAnswer = z.infer<typeof paginationAnswerSchema>;

/** Card numbers: see card-number.ts. [assumed] */
export const credentialIdSchema = z.string().trim().regex(CARD_NUMBER_PATTERN, 'must be 4 to 32 letters or digits');

/** Phone numbers with optional leading + and 7 to 15 digits. [assumed] */
export const phoneSchema = z.string().trim().regex(PHONE_SHAPE, 'must be 7 to 15 digits, optionally starting with +');

export const siteSchema = z.object({
  id,
  name: z.string(),
  location: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Site = z.infer<typeof siteSchema>;

export const accessPointSchema = z.object({
  id,
  name: z.string(),
  siteId: id,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type AccessPoint = z.infer<typeof accessPointSchema>;

export const roleSchema = z.object({ id, name: z.string() });
export type Role = z.infer<typeof roleSchema>;

export const accessDataSchema = z.object({
  mobile: z.boolean(),
  card: z.boolean(),
  fingerprint: z.boolean(),
  faceAccess: z.boolean(),
  remoteAccess: z.boolean(),
  tapToAccess: z.boolean(),
  gps: z.boolean(),
  deviceLock: z.boolean(),
  clickToAccessRange: z.number().int().min(0),
  accessExpiresAt: isoDateTime.nullable(),
});
export type AccessData = z.infer<typeof accessDataSchema>;

/**
 * A value of one of the organisation's custom attributes on a person, e.g. attribute "Company" → term "Orbitpay"
 * [seen in public callers: the four fields]. Attributes and their values are made in Spintly's dashboard; no public
 * endpoint lists them, so the portal learns them from the people it syncs. A coworking operator's attribute
 * "Company" is what the portal's companies link to (`termId`).
 */
export const attributeValueSchema = z.object({ id, name: z.string(), termId: id, termName: z.string() });
export type AttributeValue = z.infer<typeof attributeValueSchema>;

/** A person as the users list returns them. [seen fields] plus homeSiteId and accessData [assumed]. */
export const userSchema = z.object({
  id,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  employeeCode: z.string().nullable(),
  uniqueId: z.string().nullable(),
  isSignedUp: z.boolean(),
  createdAt: isoDateTime,
  roles: z.array(roleSchema),
  cardAssigned: z.boolean(),
  credentialId: z.string().nullable(),
  accessExpiresAt: isoDateTime.nullable(),
  accessExpired: z.boolean(),
  deactivatedOn: isoDateTime.nullable(),
  reportingTo: id.nullable(),
  attributes: z.array(attributeValueSchema),
  homeSiteId: id.nullable(), // [assumed]
  accessData: accessDataSchema.optional(), // [assumed] so an edit form can show the current access modes
});
export type SpintlyUser = z.infer<typeof userSchema>;

/** An access point as a permission list returns it. [keys seen; item shape assumed] */
export const permissionItemSchema = z.object({
  id,
  name: z.string(),
  siteId: id,
  /** For pending items: whether the reader still has to add or remove it. [assumed] */
  pendingAction: z.enum(['grant', 'revoke']).optional(),
  /** For pending items: when the change was accepted by the cloud. [assumed] */
  pendingSince: isoDateTime.optional(),
});
export type PermissionItem = z.infer<typeof permissionItemSchema>;

export const doorUserSchema = z.object({
  id,
  name: z.string(),
  email: z.string().nullable().optional(),
  employeeCode: z.string().nullable().optional(),
  homeSiteId: id.nullable().optional(),
  pendingAction: z.enum(['grant', 'revoke']).optional(), // [assumed]
  pendingSince: isoDateTime.optional(), // [assumed]
});
export type DoorUser = z.infer<typeof doorUserSchema>;

export const accessEventSchema = z.object({
  id,
  accessorId: id,
  accessedAt: z.number().int(), // epoch seconds [seen]
  direction: z.enum(['entry', 'exit']),
  accessType: z.enum(['card', 'mobile', 'fingerprint']),
  mobileAccessMode: z.string().nullable(),
  createdAt: isoDateTime,
  user: z.object({ id, name: z.string(), employeeCode: z.string().nullable() }),
  accessPoint: z.object({ id, name: z.string(), location: z.string().nullable() }),
  granted: z.boolean(), // [assumed]
});
export type AccessEvent = z.infer<typeof accessEventSchema>;

/**
 * Spintly's `access_event` webhook [seen: the envelope and field names]. Lenient by design, since a receiver must not
 * refuse Spintly's events over a field it does not need: only `orgId`, `eventId`, `eventTimeEpoch` and `accessPointId`
 * are required. [assumed] `eventId` is the same id as the history item's `id` (so the two sources meet on one row);
 * `eventTimeEpoch` is in seconds like the history's `accessedAt` (a value in milliseconds is recognised by its size);
 * `granted` is the sandbox's addition, absent from Spintly's documentation: absent means the outcome is unknown.
 */
export const accessEventWebhookSchema = z.object({
  messageVersion: z.number().nullish(),
  messageData: z.object({
    requestId: z.string().nullish(),
    msgType: z.string().nullish(),
    dataVersion: z.number().nullish(),
    data: z.object({
      orgId: id,
      eventId: id,
      eventTimeEpoch: z.number().int().nonnegative(),
      accessPointId: id,
      orgUserId: id.nullish(),
      accessorId: id.nullish(),
      timezonedEventTime: z.string().nullish(),
      direction: z.string().nullish(),
      accessType: z.string().nullish(),
      accessPointName: z.string().nullish(),
      siteId: id.nullish(),
      siteName: z.string().nullish(),
      siteLocation: z.string().nullish(),
      mobileAccessMode: z.string().nullish(),
      employeeCode: z.string().nullish(),
      name: z.string().nullish(),
      email: z.string().nullish(),
      phone: z.string().nullish(),
      attributes: z.array(z.unknown()).nullish(), // [assumed] the person's attribute values, as the users list
      granted: z.boolean().nullish(), // [assumed]
    }),
  }),
});
export type AccessEventWebhook = z.infer<typeof accessEventWebhookSchema>;

// ---------------------------------------------------------------------------------------------
// Request bodies
// ---------------------------------------------------------------------------------------------

export const saamsTokenRequestSchema = z.strictObject({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  grantType: z.literal(SAAMS_GRANT_TYPE),
});

export const oauthTokenRequestSchema = z.strictObject({
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  grant_type: z.enum(['client_credentials', SAAMS_GRANT_TYPE]),
});

export const tokenPayloadSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().optional(),
  token_type: z.string(),
  expires_in: z.number().positive(),
  issued_token_type: z.string().optional(),
});
export type TokenPayload = z.infer<typeof tokenPayloadSchema>;

export const saamsTokenAnswerSchema = z.object({
  type: z.literal('success'),
  message: z.object({ payload: tokenPayloadSchema, statusCode: z.number() }),
});

export const listSitesBodySchema = z.strictObject({ pagination: paginationRequestSchema });

export const listAccessPointsBodySchema = z.strictObject({
  pagination: paginationRequestSchema,
  filters: z.strictObject({ search: z.string().nullable().optional() }).optional(),
});

export const listUsersBodySchema = z.strictObject({
  pagination: paginationRequestSchema,
  filters: z
    .strictObject({
      userType: z.array(z.enum(['active', 'inactive'])).optional(),
      /** People holding any of these attribute values [seen: the key; its item type (term ids) assumed]. */
      terms: z.array(id).optional(),
      sites: z.array(id).optional(),
      /** Name, email, phone or employee code contains [seen]; card number too [assumed]. */
      search: z.string().optional(),
      /** Only these people: how the portal reads one person, as no get-by-id endpoint is known. [assumed] */
      userIds: z.array(id).max(MAX_PER_PAGE).optional(),
      /**
       * Seen as nullable filters beside userType [seen]; their meaning is [assumed]: access expiring on or before this
       * day, and created on this day (yyyy-mm-dd).
       */
      accessExpiresAt: z.iso.date().nullable().optional(),
      createdOn: z.iso.date().nullable().optional(),
      /** A search object seen as `s: {email: ""}` [seen]: email contains, any case [assumed]. */
      s: z.strictObject({ email: z.string().optional() }).optional(),
    })
    .optional(),
});
export type ListUsersBody = z.infer<typeof listUsersBodySchema>;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const accessDataInputSchema = accessDataSchema
  .extend({ accessPoints: z.array(id) })
  .partial()
  .strict();

/** Fields a create accepts; update takes any subset plus `id`. [seen fields] */
const userFields = {
  name: z.string().trim().min(1).max(100),
  email: z.email().nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  employeeCode: optionalText(50),
  roles: z.array(id).optional(),
  homeSiteId: id.nullable().optional(),
  adminOfSites: z.array(id).optional(),
  /** The person's attribute values, as term ids; an update replaces them all [seen: the key; semantics assumed]. */
  terms: z.array(id).optional(),
  reportingTo: id.nullable().optional(),
  joiningDate: z.iso.date().nullable().optional(),
  credentialId: credentialIdSchema.nullable().optional(),
  accessData: accessDataInputSchema.optional(),
};

export const createUserInputSchema = z.strictObject(userFields);
export type CreateUserInput = z.infer<typeof createUserInputSchema>;

/** Create takes one person per call in this contract. [assumed: the answer is a list of one id] */
export const createUserBodySchema = createUserInputSchema;

export const updateUserInputSchema = z.strictObject({
  id,
  ...z.object(userFields).partial().shape,
  deactivateUser: z.boolean().optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserInputSchema>;

export const updateUsersBodySchema = z.strictObject({ users: z.array(updateUserInputSchema).min(1) });
export const deleteUsersBodySchema = z.strictObject({ userIds: z.array(id).min(1) });
export const userPermissionsBodySchema = z.strictObject({ sites: z.array(id) });

export const doorPermissionsPatchSchema = z.strictObject({
  permissionsToAdd: z.array(id).optional(),
  permissionsToRemove: z.array(id).optional(),
  pendingPermissionsToRemove: z.array(id).optional(),
});
export type DoorPermissionsPatch = z.infer<typeof doorPermissionsPatchSchema>;

export const userPermissionsPatchSchema = z.strictObject({
  permissionsToAdd: z.array(id).optional(),
  permissionsToRemove: z.array(id).optional(),
  pendingPermissionsToRemove: z.array(id).optional(), // [assumed] mirrors the door-side call
});
export type UserPermissionsPatch = z.infer<typeof userPermissionsPatchSchema>;

export const assignCardBodySchema = z.strictObject({ credentialId: credentialIdSchema });
/** The second shape of card assignment, seen on the current host: `{cardType: "spintly_card", cardId}`. */
export const assignCredentialBodySchema = z.strictObject({
  cardType: z.literal('spintly_card'),
  cardId: credentialIdSchema,
});
/** Which card endpoints a deployment's organisation takes (SPINTLY_CARD_STYLE). */
export const CARD_STYLES = ['assignCard', 'assignCredential'] as const;
export type CardStyle = (typeof CARD_STYLES)[number];

/** "YYYY-MM-DD HH:mm:ss +05:30" [seen] */
export const historyTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}$/, 'must look like "2026-01-31 23:59:59 +05:30"');

export const accessHistoryBodySchema = z.strictObject({
  pagination: paginationRequestSchema,
  filters: z.strictObject({
    start: historyTimeSchema,
    end: historyTimeSchema,
    accessPoints: z.array(id).optional(),
    users: z.array(id).optional(),
    direction: z.enum(['entry', 'exit']).optional(),
    /** Events of people holding any of these attribute values [seen in public callers; item type assumed]. */
    terms: z.array(id).optional(),
  }),
});

const empty = z.strictObject({});

// ---------------------------------------------------------------------------------------------
// Answers (the `message` inside the success envelope)
// ---------------------------------------------------------------------------------------------

export const sitesAnswerSchema = z.object({ sites: z.array(siteSchema), pagination: paginationAnswerSchema });
export const accessPointsAnswerSchema = z.object({
  accessPoints: z.array(accessPointSchema),
  pagination: paginationAnswerSchema,
});
/** Every door of the organisation in one answer (row 17) [answer shape assumed]. */
export const allAccessPointsAnswerSchema = z.object({
  accessPoints: z.array(z.object({ id, name: z.string(), siteId: id })),
});
export const rolesAnswerSchema = z.object({ roles: z.array(roleSchema) });
export const usersAnswerSchema = z.object({ users: z.array(userSchema), pagination: paginationAnswerSchema });
export const createUserAnswerSchema = z.object({ userIds: z.array(id).min(1) });
export const userIdsAnswerSchema = z.object({ userIds: z.array(id) });
export const userPermissionsAnswerSchema = z.object({
  permissionAssigned: z.array(permissionItemSchema),
  permissionNotAssigned: z.array(permissionItemSchema),
  pendingPermissions: z.array(permissionItemSchema),
});
export const doorUsersAnswerSchema = z.object({
  usersWithPermissions: z.array(doorUserSchema),
  usersWithPendingPermissions: z.array(doorUserSchema),
});
/**
 * The same answer read for who holds the door, not their details: what the matrix, the pending scan, imports and
 * groups use. A door can list thousands of holders; checking and copying only ids and pending fields costs a fraction.
 */
const doorHolderRefSchema = doorUserSchema.pick({ id: true, pendingAction: true, pendingSince: true });
export const doorHolderIdsAnswerSchema = z.object({
  usersWithPermissions: z.array(doorHolderRefSchema),
  usersWithPendingPermissions: z.array(doorHolderRefSchema),
});
/** Write answers carry at least a human-readable text. [assumed] */
export const okAnswerSchema = z.object({ text: z.string().optional() }).passthrough();
export const cardAnswerSchema = z.object({ userId: id, credentialId: z.string().nullable() });
export const accessHistoryAnswerSchema = z.object({
  accessHistory: z.array(accessEventSchema),
  pagination: paginationAnswerSchema,
});

// Visitor meetings (rows 18–20, and a list [assumed]): a meeting gives its user QR access to its doors between two
// times, in epoch seconds.
const epochSeconds = z.number().int().positive();
export const meetingSchema = z.object({
  id,
  userId: id,
  startTime: epochSeconds,
  endTime: epochSeconds,
  accessPointIds: z.array(id),
  createdAt: isoDateTime,
});
export const createMeetingBodySchema = z.strictObject({
  userId: id,
  startTime: epochSeconds,
  endTime: epochSeconds,
  permissionsToAdd: z.array(id).min(1),
});
export const updateMeetingBodySchema = z.strictObject({
  startTime: epochSeconds.optional(),
  endTime: epochSeconds.optional(),
  permissionsToAdd: z.array(id).optional(),
  permissionsToRemove: z.array(id).optional(),
});
export const listMeetingsBodySchema = z.strictObject({
  pagination: paginationRequestSchema,
  filters: z
    .strictObject({ userIds: z.array(id).optional(), from: epochSeconds.optional(), to: epochSeconds.optional() })
    .optional(),
});
export const createMeetingAnswerSchema = z.object({ meetingId: id });
export const meetingsAnswerSchema = z.object({ meetings: z.array(meetingSchema), pagination: paginationAnswerSchema });
export type Meeting = z.infer<typeof meetingSchema>;

export const successEnvelope = <T extends z.ZodType>(message: T) => z.object({ type: z.literal('success'), message });
export const errorEnvelopeSchema = z.object({ type: z.literal('error'), message: z.string() });

// ---------------------------------------------------------------------------------------------
// The endpoint table
// ---------------------------------------------------------------------------------------------

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface EndpointDef {
  method: HttpMethod;
  /** Path template relative to the API host; `{name}` marks a path parameter. */
  path: string;
  /** Fixed query string parameters. */
  query?: Readonly<Record<string, string>>;
  body: z.ZodType;
  answer: z.ZodType;
  /** Safe to send again after an ambiguous failure: reads and writes that converge on the same state. */
  idempotent: boolean;
  /** Changes nothing at Spintly: goes through the wider read lane of the client's concurrency limits. */
  reads: boolean;
  provenance: { path: Provenance; answer: Provenance };
}

const ORG = '/organisations/{org}';

export const endpoints = {
  listSites: {
    method: 'POST',
    path: `/organisationManagement/v2/integrator${ORG}/sites`,
    body: listSitesBodySchema,
    answer: sitesAnswerSchema,
    idempotent: true,
    reads: true,
    provenance: { path: 'seen', answer: 'seen' },
  },
  listAccessPoints: {
    method: 'POST',
    path: `/organisationManagement/v1/integrator${ORG}/sites/{siteId}/accessPoints/list`,
    body: listAccessPointsBodySchema,
    answer: accessPointsAnswerSchema,
    idempotent: true,
    reads: true,
    provenance: { path: 'seen', answer: 'seen' },
  },
  listRoles: {
    method: 'GET',
    path: `/userManagement/integrator/v1${ORG}/formData`,
    query: { roles: 'roles' },
    body: empty,
    answer: rolesAnswerSchema,
    idempotent: true,
    reads: true,
    provenance: { path: 'seen', answer: 'assumed' },
  },
  listUsers: {
    method: 'POST',
    path: `/userManagement/integrator/v1${ORG}/users`,
    body: listUsersBodySchema,
    answer: usersAnswerSchema,
    idempotent: true,
    reads: true,
    provenance: { path: 'seen', answer: 'seen' },
  },
  createUser: {
    method: 'POST',
    path: `/userManagement/integrator/v1${ORG}/users/create`,
    body: createUserBodySchema,
    answer: createUserAnswerSchema,
    idempotent: false,
    reads: false,
    provenance: { path: 'seen', answer: 'assumed' },
  },
  updateUsers: {
    method: 'PATCH',
    path: `/userManagement/integrator/v1${ORG}/users/update`,
    body: updateUsersBodySchema,
    answer: userIdsAnswerSchema,
    idempotent: true,
    reads: false,
    provenance: { path: 'seen', answer: 'assumed' },
  },
  deleteUsers: {
    method: 'POST',
    path: `/userManagement/integrator/v1${ORG}/users/delete`,
    body: deleteUsersBodySchema,
    answer: userIdsAnswerSchema,
    idempotent: true,
    reads: false,
    provenance: { path: 'seen', answer: 'assumed' },
  },
  userPermissions: {
    method: 'POST',
    path: `/accessManagementV3/integrator/v1${ORG}/users/{userId}/permissions`,
    body: userPermissionsBodySchema,
    answer: userPermissionsAnswerSchema,
    idempotent: true,
    reads: true,
    provenance: { path: 'seen', answer: 'assumed' },
  },
  doorUsers: {
    method: 'GET',
    // Seen without `integrator/`; the integrator prefix is [assumed] to match its PATCH twin.
    path: `/accessManagementV3/integrator/v1${ORG}/accessPoint/{accessPointId}/users/permissions`,
    body: empty,
    answer: doorUsersAnswerSchema,
    idempotent: true,
    reads: true,
    provenance: { path: 'seen', answer: 'assumed' },
  },
  patchDoorUsers: {
    method: 'PATCH',
    path: `/accessManagementV3/integrator/v1${ORG}/accessPoint/{accessPointId}/users/permissions`,
    body: doorPermissionsPatchSchema,
    answer: okAnswerSchema,
    idempotent: true,
    reads: false,
    provenance: { path: 'seen', answer: 'assumed' },
  },
  patchUserDoors: {
    method: 'PATCH',
    path: `/accessManagementV3/integrator/v1${ORG}/users/{userId}/permissions`,
    body: userPermissionsPatchSchema,
    answer: okAnswerSchema,
    idempotent: true,
    reads: false,
    provenance: { path: 'assumed', answer: 'assumed' },
  },
  assignCard: {
    method: 'POST',
    path: `/organisationManagement/v2/integrator${ORG}/users/{userId}/assignCard`,
    body: assignCardBodySchema,
    answer: cardAnswerSchema,
    idempotent: false,
    reads: false,
    provenance: { path: 'assumed', answer: 'assumed' },
  },
  unassignCard: {
    method: 'POST',
    path: `/organisationManagement/v2/integrator${ORG}/users/{userId}/unassignCard`,
    body: empty,
    answer: cardAnswerSchema,
    idempotent: true,
    reads: false,
    provenance: { path: 'assumed', answer: 'assumed' },
  },
  assignCredential: {
    method: 'POST',
    path: `/organisationManagement/v1${ORG}/users/{userId}/assignCredential`,
    body: assignCredentialBodySchema,
    answer: cardAnswerSchema,
    idempotent: false,
    reads: false,
    provenance: { path: 'seen', answer: 'assumed' },
  },
  unassignCredential: {
    method: 'POST',
    // Never seen: the pair of assignCredential, by analogy with assignCard/unassignCard.
    path: `/organisationManagement/v1${ORG}/users/{userId}/unassignCredential`,
    body: empty,
    answer: cardAnswerSchema,
    idempotent: true,
    reads: false,
    provenance: { path: 'assumed', answer: 'assumed' },
  },
  listAllAccessPoints: {
    method: 'GET',
    path: `/accessManagementV3/integrator/v1${ORG}/getAccessPointList`,
    body: empty,
    answer: allAccessPointsAnswerSchema,
    idempotent: true,
    reads: true,
    provenance: { path: 'seen', answer: 'assumed' },
  },
  accessHistory: {
    method: 'POST',
    path: `/organisationManagement/v2/integrator${ORG}/accessHistory`,
    body: accessHistoryBodySchema,
    answer: accessHistoryAnswerSchema,
    idempotent: true,
    reads: true,
    provenance: { path: 'assumed', answer: 'seen' },
  },
  createMeeting: {
    method: 'POST',
    path: `/visitorManagementV3/integrator/v1${ORG}/meeting`,
    body: createMeetingBodySchema,
    // A second create makes a second meeting: the client looks (listMeetings) before it tries again.
    answer: createMeetingAnswerSchema,
    idempotent: false,
    reads: false,
    provenance: { path: 'seen', answer: 'assumed' },
  },
  updateMeeting: {
    method: 'PATCH',
    path: `/visitorManagementV3/integrator/v1${ORG}/meeting/{meetingId}/update`,
    body: updateMeetingBodySchema,
    answer: okAnswerSchema,
    idempotent: true,
    reads: false,
    provenance: { path: 'seen', answer: 'assumed' },
  },
  deleteMeeting: {
    method: 'DELETE',
    path: `/visitorManagementV3/integrator/v1${ORG}/meeting/{meetingId}`,
    body: empty,
    answer: okAnswerSchema,
    idempotent: true,
    reads: false,
    provenance: { path: 'seen', answer: 'assumed' },
  },
  listMeetings: {
    method: 'POST',
    // No public caller shows a way to read meetings; this one is the portal's assumption, for look-before-retry.
    path: `/visitorManagementV3/integrator/v1${ORG}/meetings`,
    body: listMeetingsBodySchema,
    answer: meetingsAnswerSchema,
    idempotent: true,
    reads: true,
    provenance: { path: 'assumed', answer: 'assumed' },
  },
} as const satisfies Record<string, EndpointDef>;

export type EndpointName = keyof typeof endpoints;
export type EndpointBody<N extends EndpointName> = z.input<(typeof endpoints)[N]['body']>;
export type EndpointAnswer<N extends EndpointName> = z.output<(typeof endpoints)[N]['answer']>;

/** The two token endpoints; the deployment picks one with SPINTLY_TOKEN_STYLE. */
export const tokenEndpoints = {
  saams: { method: 'POST', path: '/saamsIdm/oauth/token', provenance: 'seen' },
  oauth: { method: 'POST', path: '/identityManagement/v2/oauth/token', provenance: 'seen' },
} as const;
export type TokenStyle = keyof typeof tokenEndpoints;

/**
 * Which organisation a token belongs to [seen, one caller]: on the token host, with the token. The portal compares it
 * with SPINTLY_ORG_ID (and takes it when that is unset).
 */
export const organisationLookup = { method: 'GET', path: '/saamsIdm/oauth/organisation', provenance: 'seen' } as const;
export const organisationAnswerSchema = z.object({
  type: z.literal('success'),
  message: z.object({ organisationId: id }),
});

// ---------------------------------------------------------------------------------------------
// Path templates
// ---------------------------------------------------------------------------------------------

type PathParamNames<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | PathParamNames<Rest>
  : never;
export type PathParams<N extends EndpointName> = Record<PathParamNames<(typeof endpoints)[N]['path']>, string | number>;

/** Fills a path template; every parameter is URL-encoded. */
export function fillPath(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

/** Matches a concrete path against a template and returns its parameters, or null. */
export function matchPath(template: string, pathname: string): Record<string, string> | null {
  const names: string[] = [];
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const match = new RegExp(`^${pattern}$`).exec(pathname);
  if (!match) return null;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
}
