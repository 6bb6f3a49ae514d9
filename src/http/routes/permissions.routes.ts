import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SERVICES } from '../../core/authz/permissions.js';
import { catalogView } from '../../core/authz/catalog-view.js';
import { Localized, Strict, responses } from '../schemas.js';

const PermissionView = Strict({
  key: Type.String(),
  service: Type.Union(Object.keys(SERVICES).map((s) => Type.Literal(s))),
  label: Localized("The permission's name, in English and German (`de` may be absent: show `en`)."),
  description: Localized('What the permission allows, in English and German (`de` may be absent: show `en`).'),
  deviceScoped: Type.Boolean({ description: 'A check naming a device also needs access to that device.' }),
});

export const permissionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // The catalog is constant for the life of the process: build the answer once.
  const catalog = catalogView();
  app.get(
    '/permissions',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['Roles and permissions'],
        summary: 'The permission catalog',
        description:
          'Every permission a role can hold, grouped by Smart Service (`service`), with its label and description in English and German (`{en, de}`). Permissions are always attached to roles, never to a single user.',
        response: responses({ 200: Type.Array(PermissionView) }, 401),
      },
    },
    async () => catalog,
  );
};
