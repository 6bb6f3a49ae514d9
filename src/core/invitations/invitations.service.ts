// Invitations: an Admin (or any role with `users.invite`) invites an address into an organization
// with a role and device access; the owner of that address, signed in with it verified, accepts or
// declines. The link alone never creates a membership: whoever saw it (the Admin did, for another
// domain) cannot use it without the invited, verified address.
// State: pending → accepted | declined | revoked | expired, each move one atomic UPDATE under the
// organization's row lock, so concurrent accepts make exactly one membership.
import { hashSecret, newId, newSecret, type Clock, type Random } from '../clock-random.js';
import { fail, type ErrorCode } from '../errors.js';
import { normalizeEmail } from '../email.js';
import { requireAccess, requireCanActOnRole } from '../authz/authz.js';
import { invitationRefusal, requireCanSendInvitation } from '../authz/delegation.js';
import { reachOf } from '../devices/device-access.js';
import {
  accessStillExists,
  canGiveAccess,
  givenAccess,
  requireCanGiveAccess,
  requireKnownAccess,
  type InvitationAccess,
} from '../resources/invitation-access.js';
import type { MailRenderer } from '../mail/ports.js';
import { queueMail } from '../mail/outbox.js';
import type { Repos, Store, Tx } from '../store.js';
import type { InvitationRecord, InvitationStatus } from './ports.js';
import type { Locale } from '../locale.js';
import type { AuditLog } from '../audit/audit.js';
import type { Actor } from '../actor.js';
import { decodeCursor, pageOf, type Page } from '../pagination.js';
import { deliveryFor, effectiveStatus, type Delivery } from './delivery.js';
import { organizationScope } from '../authz/in-organization.js';

export interface InvitationsSettings {
  publicUrl: string;
  invitationTtlMs: number;
  invitationsPerOrgPerHour: number;
  mailsPerRecipientPerHour: number;
}

export interface InvitationsDeps {
  store: Store;
  clock: Clock;
  random: Random;
  audit: AuditLog;
  mail: MailRenderer;
  settings: InvitationsSettings;
}

export interface InvitationView {
  id: string;
  email: string;
  role: { id: string; name: string };
  invitedBy: { userId: string; firstName: string; lastName: string } | null;
  createdAt: Date;
  expiresAt: Date | null;
  status: InvitationStatus;
  delivery: 'email' | 'link';
  deviceAccess: { allDevices: boolean; deviceIds: string[] };
  /** Access per resource type (besides devices); an Admin's is everything. */
  access: InvitationAccess;
  message: string | null;
}

export interface CreateInvitationInput {
  email: string;
  roleId: string;
  message?: string | undefined;
  deviceAccess?: { allDevices: boolean; deviceIds: string[] } | undefined;
  /** Access per resource type (`<slug>:<type>`), applied at acceptance like `deviceAccess`. */
  access?: InvitationAccess | undefined;
}

const HOUR_MS = 3_600_000;

export function createInvitationsService(deps: InvitationsDeps) {
  const { store, clock, random, audit, mail, settings } = deps;
  const { inOrganization, readOrganization } = organizationScope(store);
  const link = (token: string) => `${settings.publicUrl}/invitation?token=${encodeURIComponent(token)}`;
  const expiry = (now: Date) => (settings.invitationTtlMs === 0 ? null : new Date(now.getTime() + settings.invitationTtlMs));

  const view = (inv: InvitationRecord, now: Date): InvitationView => ({
    id: inv.id,
    email: inv.email,
    role: inv.role,
    invitedBy: inv.invitedBy,
    createdAt: inv.createdAt,
    expiresAt: inv.expiresAt,
    status: effectiveStatus(inv, now),
    delivery: inv.delivery,
    deviceAccess: { allDevices: inv.role.id === 'admin' || inv.allDevices, deviceIds: inv.deviceIds },
    access: inv.resourceAccess,
    message: inv.message,
  });

  async function throttle(key: string, limit: number, now: Date, what: string) {
    const { count, resetAt } = await store.repos.throttle.hit(key, now, HOUR_MS);
    if (count > limit) {
      fail('invitation.throttled', {
        detail: key,
        publicDetail: `Too many ${what}; try again later.`,
        retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)),
      });
    }
  }

  /** Invitations per organization, and mails per recipient (nobody mail-bombs an address through us). */
  async function throttleSending(orgId: string, email: string, delivery: 'email' | 'link' | undefined, now: Date) {
    await throttle(`invite:org:${orgId}`, settings.invitationsPerOrgPerHour, now, 'invitations from this organization');
    if (delivery === 'email') await throttle(`mail:${email}`, settings.mailsPerRecipientPerHour, now, 'mails to this address');
  }

  /**
   * Issues a new link and delivers it by `rule` (the seed's rule, decided once when the invitation
   * is sent: a resend keeps it). Returns the link only when the Admin must pass it on (another
   * domain); a mailed link is never shown to anyone but its addressee, whoever resends it.
   */
  async function deliver(
    repos: Tx,
    inv: { id: string; email: string; message: string | null; roleName: string; orgName: string },
    inviter: { firstName: string; lastName: string; locale: Locale },
    rule: Delivery,
    now: Date,
  ) {
    const token = newSecret(random);
    const expiresAt = expiry(now);
    if (rule.delivery === 'email') {
      // In the invitee's language if they have an account; if not, in the inviter's: a mailed
      // invitation only goes to a colleague of the inviter's own e-mail domain, the best guess there is.
      const invitee = await repos.users.findByEmail(inv.email);
      await queueMail(
        repos,
        mail.render({
          kind: 'invitation',
          locale: invitee?.locale ?? inviter.locale,
          to: inv.email,
          organizationName: inv.orgName,
          inviterName: `${inviter.firstName} ${inviter.lastName}`,
          roleName: inv.roleName,
          message: inv.message,
          link: link(token),
          expiresAt,
        }),
        now,
      );
    }
    return { token, tokenHash: hashSecret(token), expiresAt, rule, link: rule.delivery === 'link' ? link(token) : undefined };
  }

  async function getInvitation(repos: Repos, orgId: string, id: string) {
    return (await repos.invitations.find(orgId, id)) ?? fail('invitation.not_found', { detail: `org=${orgId} invitation=${id}` });
  }

  function requirePending(inv: InvitationRecord, now: Date) {
    const status = effectiveStatus(inv, now);
    if (status !== 'pending')
      fail('invitation.not_pending', { detail: `invitation=${inv.id} status=${status}`, publicDetail: `This invitation is ${status}.` });
  }

  /**
   * Accepts or declines for `userId`. `lookup` finds the invitation (by token or by id); it is read
   * once to learn the organization, then again under the organization's and the user's locks.
   */
  async function respond(
    userId: string,
    lookup: (repos: Repos) => Promise<InvitationRecord | undefined>,
    notFound: ErrorCode,
    to: 'accepted' | 'declined',
    actor: Actor,
  ) {
    const now = clock.now();
    const first = (await lookup(store.repos)) ?? fail(notFound);
    // Not `inOrganization`: the invitee is not a member (yet); the address decides instead.
    return store.transaction(
      async (repos) => {
        // (Gone meanwhile: the invitation went with it, and the lookup below says so.)
        await repos.organizations.lock([first.orgId]);
        const user = (await repos.users.lock(userId)) ?? fail('auth.unauthenticated');
        const inv = await lookup(repos);
        if (!inv || inv.orgId !== first.orgId) return fail(notFound);
        // The address is checked before anything else is revealed about the invitation.
        if (user.emailVerifiedAt === null || user.email !== inv.email) {
          fail('invitation.email_mismatch', {
            detail: `invitation=${inv.id} user=${userId}`,
            publicDetail: 'This invitation is for another e-mail address. Sign in with the invited address.',
          });
        }
        requirePending(inv, now);
        if (to === 'accepted') {
          // Checked again now: the role may have been deleted since (it cannot while the invitation
          // is pending — role.in_use — but a built-in is always there and a custom one is re-read).
          const role = (await repos.roles.find(inv.orgId, inv.role.id)) ?? fail('invitation.role_gone');
          // Devices may have been deleted since: then nothing is applied, rather than part of it.
          if (inv.deviceIds.length > 0 && (await repos.devices.existing(inv.orgId, inv.deviceIds)).length !== new Set(inv.deviceIds).size) {
            fail('invitation.device_gone', { publicDetail: 'A device this invitation grants was deleted. Ask for a new invitation.' });
          }
          if (!(await accessStillExists(repos, inv.orgId, inv.resourceAccess)))
            fail('invitation.device_gone', {
              publicDetail: 'Something this invitation grants access to was deleted. Ask for a new invitation.',
            });
          await requireInviterAuthority(repos, inv, role);
          if (!(await repos.invitations.transition(inv.id, 'accepted', now, userId))) fail('invitation.not_pending');
          const existing = await repos.memberships.findOne(inv.orgId, userId);
          if (!existing) {
            // An Admin reaches every device: explicit device access is not kept for one (as when a
            // member is made Admin), so a later demotion starts from no devices, not a stale set.
            const admin = role.id === 'admin';
            await repos.memberships.insert({
              orgId: inv.orgId,
              userId,
              roleId: role.id,
              joinedAt: now,
              invitedBy: inv.invitedBy?.userId ?? null,
              allDevices: !admin && inv.allDevices,
            });
            if (!admin && inv.deviceIds.length > 0) await repos.memberships.grantDevices(inv.orgId, userId, inv.deviceIds);
            if (!admin)
              for (const [type, a] of givenAccess(inv.resourceAccess))
                await repos.resources.setAccess(inv.orgId, userId, type, { all: a.all, ids: a.all ? [] : a.ids });
            repos.changed.authz(inv.orgId);
            repos.changed.event(inv.orgId, 'member.added', { userId, roleId: role.id });
          }
          await audit.record(
            repos,
            actor,
            {
              orgId: inv.orgId,
              action: 'invitation.accepted',
              target: { type: 'invitation', id: inv.id },
              after: { userId, role: existing ? { id: existing.roleId, name: existing.roleName } : { id: role.id, name: role.name } },
              details: existing ? { alreadyMember: true } : undefined,
            },
            now,
          );
          return {
            organizationId: inv.orgId,
            role: existing ? { id: existing.roleId, name: existing.roleName } : { id: role.id, name: role.name },
          };
        }
        if (!(await repos.invitations.transition(inv.id, 'declined', now))) fail('invitation.not_pending');
        await audit.record(
          repos,
          actor,
          { orgId: inv.orgId, action: 'invitation.declined', target: { type: 'invitation', id: inv.id } },
          now,
        );
        return { organizationId: inv.orgId, role: inv.role };
      },
      { idempotency: actor.idempotency, revisions: actor.revisions },
    );
  }

  /**
   * An invitation is worth what its inviter could grant at the moment it is accepted: they are still
   * a member who could send it now (the permission to invite, the role rule and the device rule of
   * authz/delegation.ts). A removed, demoted or narrowed inviter's invitations can no longer be
   * accepted; nothing is applied (409 `invitation.inviter_lacks_authority`).
   */
  async function requireInviterAuthority(repos: Tx, inv: InvitationRecord, role: { id: string; permissions: readonly string[] }) {
    const inviter = inv.invitedBy && (await repos.memberships.findAccess(inv.orgId, inv.invitedBy.userId));
    const refusal = inviter
      ? (invitationRefusal(inviter, await reachOf(repos, inviter), role, { allDevices: inv.allDevices, deviceIds: inv.deviceIds })
          ?.reason ?? ((await canGiveAccess(repos, inviter, inv.resourceAccess)) ? undefined : 'access'))
      : 'not_member';
    if (refusal) {
      fail('invitation.inviter_lacks_authority', {
        detail: `invitation=${inv.id} inviter=${inv.invitedBy?.userId ?? 'gone'} refusal=${refusal}`,
        publicDetail: 'Whoever sent this invitation can no longer grant what it grants. Ask for a new invitation.',
      });
    }
  }

  const byToken = (token: string) => (repos: Repos) => repos.invitations.findByTokenHash(hashSecret(token));
  const byId = (id: string) => (repos: Repos) => repos.invitations.findById(id);

  /** `request.invalid` naming each device id that is not a device of this organization. */
  async function requireKnownDevices(repos: Repos, orgId: string, deviceAccess: { allDevices: boolean; deviceIds: string[] }) {
    if (deviceAccess.allDevices || deviceAccess.deviceIds.length === 0) return;
    const known = new Set(await repos.devices.existing(orgId, [...new Set(deviceAccess.deviceIds)]));
    const unknown = deviceAccess.deviceIds.flatMap((id, i) =>
      known.has(id) ? [] : [{ field: `/deviceAccess/deviceIds/${i}`, rule: 'device', message: 'No such device in this organization.' }],
    );
    if (unknown.length > 0) fail('request.invalid', { errors: unknown });
  }

  return {
    async create(actor: Actor, orgId: string, input: CreateInvitationInput) {
      const now = clock.now();
      const email =
        normalizeEmail(input.email) ??
        fail('request.invalid', { errors: [{ field: '/email', rule: 'format', message: 'Enter a valid e-mail address.' }] });
      const message = input.message?.trim() || null;
      // Authorized before the organization's quota is touched: outsiders cannot use it up.
      await requireAccess(store.repos, actor, 'user-management:users.invite', { orgId });
      // A refused request (unknown role) does not use up the organization's quota.
      if (!(await store.repos.roles.find(orgId, input.roleId))) fail('role.not_found');
      // Nor does one naming devices this organization does not have (another organization's, say).
      if (input.deviceAccess) await requireKnownDevices(store.repos, orgId, input.deviceAccess);
      if (input.access) await requireKnownAccess(store.repos, orgId, input.access);
      const sender = await store.repos.users.findById(actor.userId);
      await throttleSending(orgId, email, sender && deliveryFor(sender.email, email).delivery, now);
      return inOrganization(actor, orgId, 'user-management:users.invite', async (repos, me, org) => {
        const role = (await repos.roles.find(orgId, input.roleId)) ?? fail('role.not_found');
        const deviceAccess = input.deviceAccess ?? { allDevices: false, deviceIds: [] };
        const deviceIds = deviceAccess.allDevices ? [] : [...new Set(deviceAccess.deviceIds)];
        // The role rule and the device rule of delegation: nobody invites above themselves.
        requireCanSendInvitation(me, await reachOf(repos, me), role, { allDevices: deviceAccess.allDevices, deviceIds });
        await requireKnownDevices(repos, orgId, deviceAccess);
        // The same rules for every resource type (resources/resource-access.service.ts).
        const access: InvitationAccess = Object.fromEntries(
          givenAccess(input.access ?? {}).map(([type, a]) => [type, { all: a.all, ids: a.all ? [] : [...new Set(a.ids)] }]),
        );
        await requireKnownAccess(repos, orgId, access);
        await requireCanGiveAccess(repos, me, access);
        const invitee = await repos.users.findByEmail(email);
        if (invitee && (await repos.memberships.findOne(orgId, invitee.id))) fail('invitation.already_member');
        await repos.invitations.expireStale(orgId, email, now);
        const inviter = (await repos.users.findById(actor.userId)) ?? fail('auth.unauthenticated');
        const id = newId('inv', clock, random);
        const sent = await deliver(
          repos,
          { id, email, message, roleName: role.name, orgName: org.name },
          inviter,
          deliveryFor(inviter.email, email),
          now,
        );
        const inserted = await repos.invitations.insert({
          id,
          orgId,
          email,
          roleId: role.id,
          allDevices: deviceAccess.allDevices,
          deviceIds,
          resourceAccess: access,
          message,
          invitedBy: actor.userId,
          tokenHash: sent.tokenHash,
          delivery: sent.rule.delivery,
          createdAt: now,
          expiresAt: sent.expiresAt,
        });
        if (!inserted) fail('invitation.already_pending');
        await audit.record(
          repos,
          actor,
          {
            orgId,
            action: 'invitation.created',
            target: { type: 'invitation', id },
            after: {
              email,
              role: { id: role.id, name: role.name },
              deviceAccess: { allDevices: deviceAccess.allDevices, deviceIds },
              ...(Object.keys(access).length > 0 ? { access } : {}),
            },
            details: { delivery: sent.rule.delivery, reason: sent.rule.reason },
          },
          now,
        );
        return { invitation: view((await repos.invitations.find(orgId, id))!, now), delivery: sent.rule.delivery, link: sent.link };
      });
    },

    list: (
      actor: Actor,
      orgId: string,
      query: { status?: InvitationStatus | 'all' | undefined; limit: number; cursor?: string | undefined },
    ): Promise<Page<InvitationView>> =>
      readOrganization(actor, orgId, 'user-management:access', async (repos) => {
        const now = clock.now();
        const after = decodeCursor(query.cursor, ['id'] as const);
        const status = query.status === 'all' ? undefined : (query.status ?? 'pending');
        const rows = await repos.invitations.list(orgId, { status, now, before: after?.id, limit: query.limit + 1 });
        return pageOf(
          rows,
          query.limit,
          (r) => view(r, now),
          (r) => ({ id: r.id }),
        );
      }),

    async resend(actor: Actor, orgId: string, id: string) {
      const now = clock.now();
      await requireAccess(store.repos, actor, 'user-management:users.invite', { orgId });
      const known = await store.repos.invitations.find(orgId, id);
      if (known) await throttleSending(orgId, known.email, known.delivery, now);
      return inOrganization(actor, orgId, 'user-management:users.invite', async (repos, me, org) => {
        const inv = await getInvitation(repos, orgId, id);
        requirePending(inv, now);
        // Whoever resends could send it now (a resend renews the link and its expiry).
        const role = (await repos.roles.find(orgId, inv.role.id)) ?? fail('invitation.role_gone');
        requireCanSendInvitation(me, await reachOf(repos, me), role, { allDevices: inv.allDevices, deviceIds: inv.deviceIds });
        await requireCanGiveAccess(repos, me, inv.resourceAccess);
        // The delivery decided when it was sent stands: a mailed invitation is mailed again (in the
        // inviter's name, in the resender's language), never turned into a link for a resender on
        // another domain to see.
        const resender = (await repos.users.findById(actor.userId)) ?? fail('auth.unauthenticated');
        const rule: Delivery =
          inv.delivery === 'email' ? { delivery: 'email', reason: 'same_domain' } : { delivery: 'link', reason: 'other_domain' };
        const sent = await deliver(
          repos,
          { id, email: inv.email, message: inv.message, roleName: inv.role.name, orgName: org.name },
          { ...(inv.invitedBy ?? resender), locale: resender.locale },
          rule,
          now,
        );
        await repos.invitations.replaceToken(id, sent.tokenHash, sent.expiresAt, sent.rule.delivery);
        await audit.record(
          repos,
          actor,
          {
            orgId,
            action: 'invitation.resent',
            target: { type: 'invitation', id },
            details: { delivery: sent.rule.delivery, reason: sent.rule.reason },
          },
          now,
        );
        return { invitation: view((await repos.invitations.find(orgId, id))!, now), delivery: sent.rule.delivery, link: sent.link };
      });
    },

    async revoke(actor: Actor, orgId: string, id: string) {
      const now = clock.now();
      await inOrganization(actor, orgId, 'user-management:users.invite', async (repos, me) => {
        const inv = await getInvitation(repos, orgId, id);
        // Nobody acts on an invitation to a role they may not act on (an Admin invitation, say).
        const role = await repos.roles.find(orgId, inv.role.id);
        requireCanActOnRole(me, role ?? { id: inv.role.id, permissions: [] }, 'revoke an invitation as');
        requirePending(inv, now);
        if (!(await repos.invitations.transition(id, 'revoked', now))) fail('invitation.not_pending');
        await audit.record(
          repos,
          actor,
          { orgId, action: 'invitation.revoked', target: { type: 'invitation', id }, before: { email: inv.email, role: inv.role } },
          now,
        );
      });
    },

    /** What the invitation page shows before anyone signs in (the token is the credential). */
    async preview(token: string) {
      const inv = (await store.repos.invitations.findByTokenHash(hashSecret(token))) ?? fail('token.invalid');
      return {
        organization: { name: inv.orgName },
        invitedBy: inv.invitedBy && { firstName: inv.invitedBy.firstName, lastName: inv.invitedBy.lastName },
        role: { name: inv.role.name },
        email: inv.email,
        status: effectiveStatus(inv, clock.now()),
        // What the inviter wrote, and until when the link works: a link passed on by hand carries
        // no mail around it, so the page behind it has to say both.
        message: inv.message,
        expiresAt: inv.expiresAt,
      };
    },

    acceptByToken: (actor: Actor, token: string) => respond(actor.userId, byToken(token), 'token.invalid', 'accepted', actor),
    async declineByToken(actor: Actor, token: string) {
      await respond(actor.userId, byToken(token), 'token.invalid', 'declined', actor);
    },

    /** Pending invitations addressed to the caller's verified address. */
    async listMine(actor: Actor) {
      const user = (await store.repos.users.findById(actor.userId)) ?? fail('auth.unauthenticated');
      if (user.emailVerifiedAt === null) return { items: [], nextCursor: null };
      const now = clock.now();
      const rows = await store.repos.invitations.listPendingForEmail(user.email, now);
      return {
        items: rows.map((r) => ({ ...view(r, now), organization: { id: r.orgId, name: r.orgName } })),
        nextCursor: null,
      };
    },

    /** By id, for the invitee: someone else's invitation is a 404, like an unknown id. */
    async acceptMine(actor: Actor, id: string) {
      await requireAddressedTo(actor, id);
      return respond(actor.userId, byId(id), 'invitation.not_found', 'accepted', actor);
    },
    async declineMine(actor: Actor, id: string) {
      await requireAddressedTo(actor, id);
      await respond(actor.userId, byId(id), 'invitation.not_found', 'declined', actor);
    },

    /** Sign-up with an invitation's token: remembered if the invitation is for this very address. */
    async rememberForSignup(repos: Tx, userId: string, email: string, token: string, now: Date) {
      const inv = await repos.invitations.findByTokenHash(hashSecret(token));
      if (inv && inv.email === email && effectiveStatus(inv, now) === 'pending') await repos.users.rememberSignupInvitation(userId, inv.id);
    },

    /** Once the address is verified, the remembered invitation is accepted (if it still can be). */
    async acceptAfterVerification(userId: string) {
      const id = await store.transaction((tx) => tx.users.takeSignupInvitation(userId));
      if (!id) return;
      try {
        await respond(userId, byId(id), 'invitation.not_found', 'accepted', { userId });
      } catch {
        // Revoked, expired or re-addressed meanwhile: the newcomer still sees it (or not) under /me/invitations.
      }
    },
  };

  async function requireAddressedTo(actor: Actor, id: string) {
    const user = (await store.repos.users.findById(actor.userId)) ?? fail('auth.unauthenticated');
    const inv = await store.repos.invitations.findById(id);
    if (!inv || user.emailVerifiedAt === null || inv.email !== user.email)
      fail('invitation.not_found', { detail: `invitation=${id} user=${actor.userId}` });
  }
}
