// The catalog, as data from every registered service's manifest: `GET /services` (what the Roles
// page groups by) and `GET /permissions` (the flat list, as before). Both are read from the
// database at each request: a manifest change on any instance shows at once. Beside them, what the
// web UI's navigation lists: the Smart Services a member may enter (`GET /orgs/{orgId}/services`)
// and each one's icon (`GET /services/{slug}/icon`, the sanitised SVG).
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../core/core.js';
import { actorOf } from '../auth.js';
import { Localized, OrgParams, Strict, responses } from '../schemas.js';

const ResourceTypeName = Type.Union([Type.String(), Type.Null()], {
  description: 'The resource type a check of it may name: `device`, `<slug>:<type>` of a service, or null.',
});

const PermissionView = Strict({
  key: Type.String({ description: '`<service>:<action>`' }),
  service: Type.String({ description: 'The slug of the service whose manifest brings it.' }),
  label: Localized("The permission's name, in English and German (`de` may be absent: show `en`)."),
  description: Localized('What the permission allows, in English and German (`de` may be absent: show `en`).'),
  resourceType: ResourceTypeName,
  deviceScoped: Type.Boolean({ description: 'A check naming a device also needs access to that device (`resourceType` is `device`).' }),
  deprecated: Type.Optional(
    Type.Literal(true, {
      description:
        "Left out of its service's manifest: kept in the custom roles holding it, granted by no check (`unknown_permission`), not grantable anew.",
    }),
  ),
});

const EntryView = Strict({
  slug: Type.String(),
  name: Localized("The service's name, in English and German (`de` may be absent: show `en`)."),
  url: Type.String({ description: "The service's entry page (https)." }),
  hasIcon: Type.Boolean({ description: 'The service has an icon: `GET /services/{slug}/icon`.' }),
});

/** How long a browser may keep an icon: a manifest change shows within this time. */
const ICON_MAX_AGE_SECONDS = 300;

const ServiceView = Strict({
  slug: Type.String(),
  name: Localized("The service's name, in English and German."),
  url: Type.Optional(Type.String({ description: "The service's entry page." })),
  version: Type.Integer({ description: 'Raised by each change of its manifest.' }),
  builtIn: Type.Boolean({
    description: 'Shipped with Gatehouse and applied at every start; false once the service registered its own manifest.',
  }),
  permissions: Type.Array(
    Strict({
      key: Type.String(),
      label: Localized('In English and German.'),
      description: Localized('In English and German.'),
      resourceType: ResourceTypeName,
      deprecated: Type.Boolean(),
    }),
  ),
  resourceTypes: Type.Array(
    Strict({
      type: Type.String({ description: '`<slug>:<type>`' }),
      parent: Type.Union([Type.String(), Type.Null()], { description: 'The parent type: access to a parent covers its descendants.' }),
      name: Localized('In English and German.'),
    }),
  ),
});

/** Enough for 500 permissions with labels and descriptions in English and German. */
const MANIFEST_BODY_LIMIT = 2 * 1024 * 1024;

// The manifest's shape, for validation at the edge and the OpenAPI document; the rules across fields
// (parents, depth, cycles, resource types of permissions, limits) are core/services/manifest.ts's.
const Text = (max: number) =>
  Strict({ en: Type.String({ minLength: 1, maxLength: max }), de: Type.Optional(Type.String({ minLength: 1, maxLength: max })) });
const ManifestBody = Strict(
  {
    service: Type.String({ pattern: '^[a-z][a-z0-9-]{1,39}$', description: 'The slug: the prefix of its permission keys.' }),
    name: Text(100),
    url: Type.Optional(Type.String({ maxLength: 2000, description: 'The entry page: an https:// URL.' })),
    icon: Type.Optional(
      Type.String({
        description:
          'An SVG document of at most 8 KB (the web UI shows it in its navigation). Sanitised when written (scripts, event handlers, foreign content removed) and served as that; `400 service.icon_invalid` when no SVG is left or it is too large. Left out, the service has no icon.',
      }),
    ),
    resourceTypes: Type.Optional(
      Type.Array(
        Strict({
          type: Type.String({ description: 'Named `<slug>:<type>` outside the manifest.' }),
          parent: Type.Optional(
            Type.String({ description: 'Another type of this manifest; a hierarchy is at most 4 deep, without cycles.' }),
          ),
          name: Text(100),
        }),
        { description: 'At most 20.' },
      ),
    ),
    permissions: Type.Array(
      Strict({
        action: Type.String({ description: 'The key is `<slug>:<action>`, e.g. `dashboards.view`.' }),
        label: Text(100),
        description: Text(500),
        resourceType: Type.Optional(Type.String({ description: '`device`, one of `resourceTypes`, or absent.' })),
        roles: Type.Optional(Type.Array(Type.String(), { description: 'The built-in roles holding it: `admin`, `editor`, `viewer`.' })),
      }),
      { description: 'At most 500. A permission left out of a new version is deprecated.' },
    ),
  },
  { description: 'A service manifest (docs/smart-services.md "Registering a service").' },
);

export const permissionsRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  app.get(
    '/permissions',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['Roles and permissions'],
        summary: 'The permission catalog',
        description:
          "Every permission a role can hold, from every registered service's manifest (`service`), with its label and description in English and German (`{en, de}`). Permissions are always attached to roles, never to a single user. Deprecated permissions are listed with `deprecated: true`.",
        response: responses({ 200: Type.Array(PermissionView) }, 401),
      },
    },
    async () => core.services.catalog(),
  );

  app.get(
    '/services',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['Smart Services'],
        summary: 'The registered services',
        description:
          'Every service with its name, entry page, manifest version, permissions (deprecated ones flagged) and resource types, in English and German: what the Roles page groups permissions by.',
        response: responses({ 200: Type.Array(ServiceView) }, 401),
      },
    },
    async () => core.services.list(),
  );

  app.get(
    '/services/:slug/icon',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['Smart Services'],
        summary: "A service's icon",
        description: `The icon of the service's manifest as sanitised when it was written, \`image/svg+xml\`, with \`Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\` (opened on its own it can run and load nothing) and \`X-Content-Type-Options: nosniff\`; a browser may keep it ${ICON_MAX_AGE_SECONDS} s. \`404 service.icon_not_found\` when the service has none (or there is no such service).`,
        params: Strict({ slug: Type.String({ pattern: '^[a-z][a-z0-9-]{1,39}$' }) }),
        response: {
          ...responses({}, 401, 404),
          200: { description: 'The sanitised SVG.', content: { 'image/svg+xml': { schema: { type: 'string' } } } },
        },
      },
    },
    async (req, reply) => {
      const svg = await core.services.icon(req.params.slug);
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', `private, max-age=${ICON_MAX_AGE_SECONDS}`)
        .send(svg);
    },
  );

  app.get(
    '/orgs/:orgId/services',
    {
      config: { auth: 'user', access: { requirement: 'member' } },
      schema: {
        tags: ['Smart Services'],
        summary: 'The Smart Services you may enter',
        description:
          "What the web UI's navigation lists: the registered services with an entry page (`url`) whose `<slug>:access` permission your role in this organization holds (and which is not deprecated), in the catalog's order. Names in English and German, as `GET /services` gives them (the UI switches language without asking again); `hasIcon` says whether `GET /services/{slug}/icon` has one. Any member, about themself.",
        params: OrgParams,
        response: responses({ 200: Type.Array(EntryView) }, 401, 404),
      },
    },
    async (req) => core.services.entries(actorOf(req), req.params.orgId),
  );

  app.put(
    '/services/:slug/manifest',
    {
      config: { auth: 'service' },
      // A manifest of 500 permissions in two languages is larger than any other request body.
      bodyLimit: MANIFEST_BODY_LIMIT,
      schema: {
        tags: ['Smart Services'],
        summary: "Change a service's manifest",
        description:
          "With the service's own key (`gatehouse service register` prints it): replaces the manifest, atomically. New permissions go to the built-in roles named; permissions left out are deprecated (re-adding restores them); a resource type left out while resources of it exist is `409 service.type_in_use`. Another service's key, or a key of no service, is `403`.",
        params: Strict({ slug: Type.String({ pattern: '^[a-z][a-z0-9-]{1,39}$' }) }),
        body: ManifestBody,
        response: responses(
          {
            200: Strict({
              service: Type.String(),
              version: Type.Integer(),
              changes: Type.Object(
                {},
                {
                  additionalProperties: true,
                  description:
                    'What changed: permissions added, changed, deprecated, restored; resource types added, changed, removed; name, url.',
                },
              ),
            }),
          },
          400,
          401,
          403,
          409,
        ),
      },
    },
    async (req) => {
      const client = req.serviceClient!;
      return core.services.putManifest({ clientId: client.id, service: client.service }, req.params.slug, req.body);
    },
  );
};
