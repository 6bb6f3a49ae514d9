// SQL for organizations and their billing information (one aggregate: billing has no life of its
// own). Raising the authorization version is the unit of work's (unit-of-work.ts), not this file's.
import type { Billing, OrganizationRecord, OrganizationsRepo, OrganizationView } from '../core/organizations/ports.js';
import type { Queryable } from './db.js';
import { sql } from './sql.js';

type Row = Record<string, unknown>;

function toOrganization(r: Row): OrganizationRecord {
  return { id: r.id as string, name: r.name as string, createdAt: r.created_at as Date };
}

function toBilling(r: Row): Billing & { updatedAt: Date } {
  return {
    companyName: r.company_name as string,
    street: r.street as string,
    postalCode: r.postal_code as string,
    city: r.city as string,
    country: r.country as string,
    vatId: (r.vat_id as string | null) ?? null,
    billingEmail: r.billing_email as string,
    updatedAt: r.updated_at as Date,
  };
}

export function organizationsRepo(q: Queryable): OrganizationsRepo {
  return {
    async insert(o) {
      await q.query(
        sql`INSERT INTO organizations (id, name, created_at, created_by) VALUES (${o.id}, ${o.name}, ${o.createdAt}, ${o.createdBy})`,
      );
    },
    async delete(id) {
      // Its roles, memberships, invitations, devices and billing go with it (foreign keys).
      await q.query(sql`DELETE FROM organizations WHERE id = ${id}`);
    },
    async find(id) {
      const [r] = await q.query(sql`
        SELECT id, name, created_at, require_mfa, (SELECT count(*) FROM memberships m WHERE m.org_id = o.id) AS member_count
          FROM organizations o WHERE id = ${id}`);
      return (
        r &&
        ({ ...toOrganization(r), memberCount: r.member_count as number, requireMfa: r.require_mfa as boolean } satisfies OrganizationView)
      );
    },
    async lock(ids) {
      // FOR NO KEY UPDATE, not FOR UPDATE: it serialises the changes to an organization just the same,
      // but does not block the KEY SHARE lock a foreign-key check takes (setting a user's active
      // organization to one that another transaction holds), which otherwise deadlocks.
      const rows = await q.query(
        sql`SELECT id, name, created_at FROM organizations WHERE id = ANY(${[...ids]}::text[]) ORDER BY id FOR NO KEY UPDATE`,
      );
      return rows.map(toOrganization);
    },
    async rename(id, name) {
      await q.query(sql`UPDATE organizations SET name = ${name} WHERE id = ${id}`);
    },
    async setRequireMfa(id, on) {
      await q.query(sql`UPDATE organizations SET require_mfa = ${on} WHERE id = ${id}`);
    },
    async getBilling(orgId) {
      const [r] = await q.query(sql`
        SELECT company_name, street, postal_code, city, country, vat_id, billing_email, updated_at
          FROM organization_billing WHERE org_id = ${orgId}`);
      return r && toBilling(r);
    },
    async putBilling(orgId, b, by, now) {
      await q.query(sql`
        INSERT INTO organization_billing AS ob (org_id, company_name, street, postal_code, city, country, vat_id, billing_email, updated_at, updated_by)
        VALUES (${orgId}, ${b.companyName}, ${b.street}, ${b.postalCode}, ${b.city}, ${b.country}, ${b.vatId}, ${b.billingEmail}, ${now}, ${by})
        ON CONFLICT (org_id) DO UPDATE SET company_name = EXCLUDED.company_name, street = EXCLUDED.street, postal_code = EXCLUDED.postal_code,
          city = EXCLUDED.city, country = EXCLUDED.country, vat_id = EXCLUDED.vat_id, billing_email = EXCLUDED.billing_email,
          updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`);
    },
  };
}
