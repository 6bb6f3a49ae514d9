// Generated from spec/openapi.json by `npm run generate` (openapi-typescript). Do not edit:
// change the route schemas in src/http/routes and run the script again.

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up */
        get: operations["getHealthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The database answers */
        get: operations["getReadyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Open to whoever reaches the port unless `METRICS_TOKEN` is set; then only with `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise).
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account and its own organization
         * @description Always answers 202 `verification_sent`, whether or not the address already has an account (its owner gets a notice mail instead), so the answer reveals nothing. A sign-up for an address that is not verified yet replaces that account's password, names and language and ends its earlier links. Limited per client address (`SIGNUPS_PER_ADDRESS_PER_HOUR`, IPv6 by /64: then 429 `request.throttled`). Creates "<firstName>'s organization" with the user as Admin and mails a `verify-email` link. With `invitationToken`, that invitation is accepted once the address is verified (if it was sent to this address).
         */
        post: operations["postAuthSignup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The password rules in force
         * @description What sign-up, reset and change check (`PASSWORD_POLICY`), for forms that show the rules as the user types. `rules` names the checks, as in `password.too_weak`'s `errors[].rule`; `blocklisted` (too common) and `contains_email` can only be judged by the service.
         */
        get: operations["getAuthPasswordPolicy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm an e-mail address with the mailed token and the password chosen at sign-up
         * @description The link proves the mailbox, the password that its owner chose the account: a link mailed for an account someone else created with this address verifies nothing. A wrong password is 401 `auth.invalid_credentials`, counted like a failed login, and keeps the link.
         */
        post: operations["postAuthVerifyEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/resend-verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mail a new verification link (always 202) */
        post: operations["postAuthResendVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in
         * @description Sets the `HttpOnly` session cookie and returns the same session token for `Authorization: Bearer` use. Wrong address and wrong password are indistinguishable (401 `auth.invalid_credentials`). Attempts are throttled per account and per client address (429 with `Retry-After`), counted before any password is checked. For an account with a second factor, the right password answers `{mfaRequired: true, mfaToken, methods}` instead, with no session: finish with `POST /auth/login/mfa` within 5 minutes (the attempt stays counted until then). Nothing tells accounts with and without a factor apart before the password is right.
         */
        post: operations["postAuthLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End this session everywhere at once */
        post: operations["postAuthLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mail a password reset link (202 whether or not the address has an account)
         * @description A new link ends the earlier one: one live reset link per account. Limited per client address (`PASSWORD_RESETS_PER_ADDRESS_PER_HOUR`, IPv6 by /64: then 429 `request.throttled`, before the address is looked up), and mails per recipient and client address (`MAILS_PER_RECIPIENT_PER_HOUR`).
         */
        post: operations["postAuthPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a new password with the mailed token; ends every session
         * @description The token is looked up before any password is hashed. Limited per client address (`PASSWORD_RESETS_PER_ADDRESS_PER_HOUR`, IPv6 by /64: then 429 `request.throttled`).
         */
        post: operations["postAuthPasswordResetConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/confirm-email-change": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm the new e-mail address with the mailed token */
        post: operations["postAuthConfirmEmailChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user, their organizations and the active one */
        get: operations["getMe"];
        put?: never;
        post?: never;
        /**
         * Delete your account (GDPR)
         * @description Needs your `password`; when your account has a second factor (GET /me `mfa`), also one current factor: `code` (authenticator app), `recoveryCode` or `passkeyResponse`. Missing one of them: 403 `auth.reauthentication_required`; a wrong password 403 `auth.wrong_password`, a wrong factor 403 `auth.wrong_second_factor` (both counted; 429 `auth.throttled` past the limit). Refused with 409 `member.last_admin` while you are the only Admin of an organization that has other members. Organizations left without any member are deleted.
         */
        delete: operations["deleteMe"];
        options?: never;
        head?: never;
        /**
         * Change your name or language
         * @description `locale` is the language every later mail to you is written in (the web UI sets it to the language you choose).
         */
        patch: operations["updateMe"];
        trace?: never;
    };
    "/api/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change your password; every other session ends */
        put: operations["putMyPassword"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/email-change": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask to change your e-mail address
         * @description Mails a `confirm-email-change` link to the new address and signs you out everywhere (as in Proficloud). The address changes only when the link is opened. If the new address already has an account, its owner is told instead and the answer is the same.
         */
        post: operations["postMyEmailChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/active-organization": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Switch the active organization */
        put: operations["putMyActiveOrganization"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/mfa/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start setting up an authenticator app (TOTP)
         * @description A new secret (RFC 6238: SHA-1, 6 digits, 30 s), as text, as an `otpauth://` URI and as that URI in a QR code (SVG). Nothing is enabled until `POST /me/mfa/totp/confirm` gets a first code; asking again replaces an unconfirmed secret. 409 `mfa.totp_already_enabled` while one is enabled.
         */
        post: operations["postMyMfaTotp"];
        /**
         * Turn the authenticator app off
         * @description Needs your `password` and one current factor: `code` (authenticator app), `recoveryCode` or `passkeyResponse`. Missing one of them: 403 `auth.reauthentication_required`; a wrong password 403 `auth.wrong_password`, a wrong factor 403 `auth.wrong_second_factor` (both counted; 429 `auth.throttled` past the limit). Your last factor takes the recovery codes with it. 409 `mfa.no_factor` when no app is enabled.
         */
        delete: operations["deleteMyMfaTotp"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/mfa/totp/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enable the authenticator app with a first code; returns 10 recovery codes, once
         * @description A wrong code is 400 `mfa.code_invalid`. On success this session counts as signed in with a second factor, the earlier recovery codes are replaced, and you are mailed. A retry with the same `Idempotency-Key` is 409 `idempotency.secret_not_replayed` (the codes are not kept).
         */
        post: operations["postMyMfaTotpConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/mfa/recovery-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make 10 new recovery codes (the earlier ones stop working)
         * @description Needs your `password` and one current factor: `code` (authenticator app), `recoveryCode` or `passkeyResponse`. Missing one of them: 403 `auth.reauthentication_required`; a wrong password 403 `auth.wrong_password`, a wrong factor 403 `auth.wrong_second_factor` (both counted; 429 `auth.throttled` past the limit). 409 `mfa.no_factor` without a second factor. An `Idempotency-Key` retry is 409 `idempotency.secret_not_replayed` (the codes are not kept).
         */
        post: operations["postMyMfaRecoveryCodes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/passkeys/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Creation options for a new passkey
         * @description For `startRegistration()` of `@simplewebauthn/browser`: a discoverable credential (resident key) with user verification, for the relying party of `PUBLIC_URL`. The challenge is stored for 5 minutes and works once.
         */
        post: operations["postMyPasskeysOptions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/passkeys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your passkeys */
        get: operations["getMyPasskeys"];
        put?: never;
        /**
         * Register a passkey
         * @description The response of `startRegistration()` for options from `POST /me/passkeys/options`, and a name. 400 `passkey.invalid` when it does not verify (or its options expired or were used), 409 `passkey.already_registered`. Your first second factor brings 10 recovery codes (shown this once; otherwise `recoveryCodes` is null). This session counts as signed in with the passkey from now on.
         */
        post: operations["createMyPasskey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/passkeys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a passkey
         * @description A factor turned off, like the authenticator app: Needs your `password` and one current factor: `code` (authenticator app), `recoveryCode` or `passkeyResponse`. Missing one of them: 403 `auth.reauthentication_required`; a wrong password 403 `auth.wrong_password`, a wrong factor 403 `auth.wrong_second_factor` (both counted; 429 `auth.throttled` past the limit). The current factor may be this very passkey. Your last factor takes the recovery codes with it. Someone else's passkey is 404 `passkey.not_found`.
         */
        delete: operations["deleteMyPasskey"];
        options?: never;
        head?: never;
        /** Rename a passkey */
        patch: operations["updateMyPasskey"];
        trace?: never;
    };
    "/api/v1/auth/login/mfa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Finish a sign-in with the second factor
         * @description The `mfaToken` of `POST /auth/login` (valid 5 minutes, for 5 tries) and exactly one of `code`, `recoveryCode` or `passkeyResponse` (an assertion for options from `POST /auth/passkey/options` with this `mfaToken`). Answers as `/auth/login` does and sets the session cookie. A wrong factor is 401 `auth.invalid_second_factor`, counted against the login throttle (429 `auth.throttled`); an expired, used or exhausted token 401 `auth.mfa_token_invalid`. A code is accepted once.
         */
        post: operations["postAuthLoginMfa"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/passkey/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Request options for signing in with a passkey
         * @description For `startAuthentication()` of `@simplewebauthn/browser`, user verification required. Without a body (or without `mfaToken`): any passkey of this site (password-less sign-in with `POST /auth/passkey`, or confirming a change). With the `mfaToken` of a pending sign-in: that person's passkeys, for `POST /auth/login/mfa`. The challenge is stored for 5 minutes and works once. Limited per client address (`LOGIN_IP_MAX_ATTEMPTS` an hour, IPv6 by /64: then 429 `request.throttled`).
         */
        post: operations["postAuthPasskeyOptions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/passkey": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with a passkey, without a password
         * @description The response of `startAuthentication()` for options from `POST /auth/passkey/options`. Answers as `/auth/login` does and sets the session cookie; the session counts as signed in with a second factor (a passkey with user verification is two factors in one: OpenID Connect `amr` `hwk` or `swk`). Anything that does not verify is 401 `auth.passkey_invalid`.
         */
        post: operations["postAuthPasskey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The permission catalog
         * @description Every permission a role can hold, from every registered service's manifest (`service`), with its label and description in English and German (`{en, de}`). Permissions are always attached to roles, never to a single user. Deprecated permissions are listed with `deprecated: true`.
         */
        get: operations["listPermissions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The registered services
         * @description Every service with its name, entry page, manifest version, permissions (deprecated ones flagged) and resource types, in English and German: what the Roles page groups permissions by.
         */
        get: operations["listServices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services/{slug}/icon": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A service's icon
         * @description The icon of the service's manifest as sanitised when it was written, `image/svg+xml`, with `Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'` (opened on its own it can run and load nothing) and `X-Content-Type-Options: nosniff`; a browser may keep it 300 s. `404 service.icon_not_found` when the service has none (or there is no such service).
         */
        get: operations["getServiceIcon"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orgs/{orgId}/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The Smart Services you may enter
         * @description What the web UI's navigation lists: the registered services with an entry page (`url`) whose `<slug>:access` permission your role in this organization holds (and which is not deprecated), in the catalog's order. Names in English and German, as `GET /services` gives them (the UI switches language without asking again); `hasIcon` says whether `GET /services/{slug}/icon` has one. Any member, about themself.
         *
         *     **Requires** membership of the organization. A non-member, or an unknown organization, gets 404.
         */
        get: operations["listOrgServices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services/{slug}/manifest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change a service's manifest
         * @description With the service's own key (`gatehouse service register` prints it): replaces the manifest, atomically. New permissions go to the built-in roles named; permissions left out are deprecated (re-adding restores them); a resource type left out while resources of it exist is `409 service.type_in_use`. Another service's key, or a key of no service, is `403`.
         */
        put: operations["putServiceManifest"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orgs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your organizations, by name */
        get: operations["listOrgs"];
        put?: never;
        /**
         * Create an organization; you are its Admin
         * @description Your active organization does not change; switch with `PUT /me/active-organization`.
         */
        post: operations["createOrg"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orgs/{orgId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One organization you are a member of
         * @description **Requires** membership of the organization. A non-member, or an unknown organization, gets 404.
         */
        get: operations["getOrg"];
        put?: never;
        post?: never;
        /**
         * Delete the organization (Admins)
         * @description Deletes its roles, billing information, memberships, devices and pending invitations. Members for whom it was the last organization each get a new empty organization at once, so nobody is left without one.
         *
         *     **Requires** the Admin role. A non-member, or an unknown organization, gets 404.
         */
        delete: operations["deleteOrg"];
        options?: never;
        head?: never;
        /**
         * Rename the organization, or require a second factor of its members
         * @description `requireMfa` is for Admins only (403 `authz.forbidden` otherwise), and an Admin who turns it on must have a second factor themself (409 `organization.mfa_admin_without_factor`). From then on, a member whose session was signed in without a second factor gets 403 `auth.mfa_required` on this organization's routes, `/authz/check` answers `mfa_required` for members without any factor, and OpenID Connect sign-ins for it need a session with one.
         *
         *     **Requires** the permission `organization:rename`. A non-member, or an unknown organization, gets 404.
         */
        patch: operations["updateOrg"];
        trace?: never;
    };
    "/api/v1/orgs/{orgId}/billing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Billing information
         * @description Every field is `null` until the billing information was first set.
         *
         *     **Requires** the permission `organization:billing.edit`. A non-member, or an unknown organization, gets 404.
         */
        get: operations["getOrgBilling"];
        /**
         * Set the billing information (replaces all of it)
         * @description Billing belongs to the organization, not to a person (as in Proficloud). `country` must be an assigned ISO 3166-1 alpha-2 code; `vatId` is stored without spaces, upper-case.
         *
         *     **Requires** the permission `organization:billing.edit`. A non-member, or an unknown organization, gets 404.
         */
        put: operations["putOrgBilling"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orgs/{orgId}/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your membership: role, its permissions, device access
         * @description **Requires** membership of the organization. A non-member, or an unknown organization, gets 404.
         */
        get: operations["getOrgMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orgs/{orgId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Members of the organization
         * @description Searchable (`q`: part of the first name, last name, full name or e-mail, any case), filterable by role, sorted by any of the columns (ties broken by user id), cursor-paged. Pages stay fast for organizations of 100,000 members, and a page does not shift when members are added or removed meanwhile. Text sorts by the Unicode code points of its lower-case form, the same on every installation. `status=invited|all` adds pending invitations.
         *
         *     **Requires** the permission `user-management:access`. A non-member, or an unknown organization, gets 404.
         */
        get: operations["listOrgMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orgs/{orgId}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One member, with device access (any member may read their own)
         * @description **Requires** the permission `user-management:access` (or acting on yourself). A non-member, or an unknown organization, gets 404.
         */
        get: operations["getOrgMember"];
        put?: never;
        post?: never;
        /**
         * Remove a member
         * @description The removed user loses access at once. If it was their last organization, they get a new empty one (with themself as Admin) at once. Removing the last Admin is 409 `member.last_admin`; removing an Admin takes an Admin.
         *
         *     **Requires** the permission `user-management:users.remove`. A non-member, or an unknown organization, gets 404.
         */
        delete: operations["deleteOrgMember"];
        options?: never;
        head?: never;
        /**
         * Change a member's role
         * @description Only an Admin grants the Admin role or changes an Admin's role; nobody grants a role holding a permission they lack (403 `authz.escalation`). Demoting the last Admin is 409 `member.last_admin`. Takes effect on the member's very next request.
         *
         *     **Requires** the permission `user-management:users.change-role`. A non-member, or an unknown organization, gets 404.
         */
        patch: operations["updateOrgMember"];
        trace?: never;
    };
    "/api/v1/orgs/{orgId}/leave": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Leave the organization
         * @description Same rules as removal: the last Admin cannot leave (409 `member.last_admin`; make someone else Admin, or delete the organization), and leaving your last organization gives you a new empty one. Your active organization moves to another one.
         *
         *     **Requires** membership of the organization. A non-member, or an unknown organization, gets 404.
         */
        post: operations["postOrgLeave"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orgs/{orgId}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Built-in and custom roles with their permissions
         * @description **Requires** membership of the organization. A non-member, or an unknown organization, gets 404.
         */
        get: operations["listOrgRoles"];
        put?: never;
        /**
         * Create a custom role
         * @description Any subset of the catalog. Nobody creates, edits or deletes a role holding a permission they do not hold themselves (403 `authz.escalation`).
         *
         *     **Requires** the permission `user-management:roles.manage`. A non-member, or an unknown organization, gets 404.
         */
        post: operations["createOrgRole"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orgs/{orgId}/roles/{roleId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a custom role
         * @description 409 `role.in_use` while a member or a pending invitation holds it; 409 `role.built_in` for the built-in roles.
         *
         *     **Requires** the permission `user-management:roles.manage`. A non-member, or an unknown organization, gets 404.
         */
        delete: operations["deleteOrgRole"];
        options?: never;
        head?: never;
        /**
         * Edit a custom role
         * @description Built-in roles are 409 `role.built_in`. `permissions` replaces the whole set. Holders have the new permissions from their next request on. Nobody creates, edits or deletes a role holding a permission they do not hold themselves (403 `authz.escalation`).
         *
         *     **Requires** the permission `user-management:roles.manage`. A non-member, or an unknown organization, gets 404.
         */
        patch: operations["updateOrgRole"];
        trace?: never;
    };
    "/api/v1/orgs/{orgId}/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organization's audit log, newest first
         * @description Append-only: every change is recorded together with the change itself (no change without its event, no event without its change). Names (of the actor, the target, the devices listed) are those at the time of the event. What the reader may not see is replaced by `{ "redacted": true }` and the event says `redacted: true`: billing data unless the reader holds `organization:billing.edit`; a device's details (name, UUID, location …) unless the reader may open that device (`device-management:devices.view` and access to it). Actions: `organization.created`, `organization.renamed`, `organization.deleted`, `organization.billing_changed`, `member.role_changed`, `member.removed`, `member.left`, `role.created`, `role.changed`, `role.deleted`, `invitation.created`, `invitation.resent`, `invitation.revoked`, `invitation.accepted`, `invitation.declined`, `device.added`, `device.changed`, `device.deleted`, `device.token_reset`, `member.device_access_changed`, `service.manifest_changed`, `member.mfa_changed`, `organization.mfa_policy_changed`, `member.access_changed`.
         *
         *     **Requires** the permission `user-management:access`. A non-member, or an unknown organization, gets 404.
         */
        get: operations["listOrgAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orgs/{orgId}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organization's invitations, newest first
         * @description **Requires** the permission `user-management:access`. A non-member, or an unknown organization, gets 404.
         */
        get: operations["listOrgInvitations"];
        put?: never;
        /**
         * Invite someone with a role and device access
         * @description If the invitee's e-mail domain equals yours (exactly, after lower-casing and IDNA normalisation: `sub.acme.com` is not `acme.com`), the invitation is mailed and no link is returned; otherwise nothing is mailed and the response carries the link for you to pass on (data protection, as in Proficloud). The decision and its reason are in the audit log. With an `Idempotency-Key`, a retry of an answer that carried a `link` does not get the link again (it is never stored): it answers 409 `idempotency.secret_not_replayed`, the request applied once, with `location` where to read the invitations; resend the invitation for a new link. One pending invitation per address and organization. Nobody invites with a role holding a permission they lack; setting device access needs `users.device-access` (403 `authz.escalation`). At most INVITATIONS_PER_ORG_PER_HOUR per organization (429).
         *
         *     **Requires** the permission `user-management:users.invite`. A non-member, or an unknown organization, gets 404.
         */
        post: operations["createOrgInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orgs/{orgId}/invitations/{invitationId}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a pending invitation again: a new link, the old one dead
         * @description If the invitee's e-mail domain equals yours (exactly, after lower-casing and IDNA normalisation: `sub.acme.com` is not `acme.com`), the invitation is mailed and no link is returned; otherwise nothing is mailed and the response carries the link for you to pass on (data protection, as in Proficloud). The decision and its reason are in the audit log. With an `Idempotency-Key`, a retry of an answer that carried a `link` does not get the link again (it is never stored): it answers 409 `idempotency.secret_not_replayed`, the request applied once, with `location` where to read the invitations; resend the invitation for a new link.
         *
         *     **Requires** the permission `user-management:users.invite`. A non-member, or an unknown organization, gets 404.
         */
        post: operations["postOrgInvitationResend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orgs/{orgId}/invitations/{invitationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a pending invitation
         * @description **Requires** the permission `user-management:users.invite`. A non-member, or an unknown organization, gets 404.
         */
        delete: operations["deleteOrgInvitation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What an invitation link is about (for the invitation page) */
        get: operations["getInvitationsPreview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an invitation with its link's token
         * @description Needs a signed-in user whose verified e-mail is the invited one (403 `invitation.email_mismatch` otherwise): the link alone never creates a membership. Exactly one membership results however often and concurrently this is called; later calls are 409 `invitation.not_pending`.
         */
        post: operations["postInvitationsAccept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decline an invitation with its link's token */
        post: operations["postInvitationsDecline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Pending invitations addressed to your verified e-mail */
        get: operations["listMyInvitations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/invitations/{invitationId}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept one of your invitations */
        post: operations["postMyInvitationAccept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/invitations/{invitationId}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decline one of your invitations */
        post: operations["postMyInvitationDecline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orgs/{orgId}/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The devices you may reach, by name
         * @description `q` matches part of the name, the UUID or the location; `tag` one tag. Paged by name, with a cursor.
         *
         *     **Requires** the permission `device-management:devices.view`. A non-member, or an unknown organization, gets 404.
         */
        get: operations["listOrgDevices"];
        put?: never;
        /**
         * Register a device by the UUID on its housing
         * @description The UUID is the one printed on the device's type plate (RFC 4122 text form, any case). A UUID registered in any organization is 409 `device.already_registered`. The device token is in this answer only (with an `Idempotency-Key`, a retry does not get it again: it answers 409 `idempotency.secret_not_replayed`, the request applied once, with `location` where to read the device; for a token, reset it). A member without access to every device gets access to the device they add.
         *
         *     **Requires** the permission `device-management:devices.add`. A non-member, or an unknown organization, gets 404.
         */
        post: operations["createOrgDevice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orgs/{orgId}/devices/{deviceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One device
         * @description A member who may not reach the device gets 404, as for a device that does not exist.
         *
         *     **Requires** the permission `device-management:devices.view`. A non-member, or an unknown organization, gets 404.
         */
        get: operations["getOrgDevice"];
        put?: never;
        post?: never;
        /**
         * Delete a device (and every member's access to it)
         * @description A member who may not reach the device gets 404, as for a device that does not exist.
         *
         *     **Requires** the permission `device-management:devices.delete`. A non-member, or an unknown organization, gets 404.
         */
        delete: operations["deleteOrgDevice"];
        options?: never;
        head?: never;
        /**
         * Edit a device's name, location, tags or description
         * @description A member who may not reach the device gets 404, as for a device that does not exist.
         *
         *     **Requires** the permission `device-management:devices.edit`. A non-member, or an unknown organization, gets 404.
         */
        patch: operations["updateOrgDevice"];
        trace?: never;
    };
    "/api/v1/orgs/{orgId}/devices/{deviceId}/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset the device token: a new one, shown once; the old one is dead
         * @description A member who may not reach the device gets 404, as for a device that does not exist. The token is in this answer only (with an `Idempotency-Key`, a retry does not get it again: it answers 409 `idempotency.secret_not_replayed`, the request applied once, with `location` where to read the device; for a token, reset it).
         *
         *     **Requires** the permission `device-management:devices.reset-token`. A non-member, or an unknown organization, gets 404.
         */
        post: operations["postOrgDeviceToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orgs/{orgId}/members/{userId}/device-access": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A member's device access (any member may read their own)
         * @description **Requires** the permission `user-management:access` (or acting on yourself). A non-member, or an unknown organization, gets 404.
         */
        get: operations["getOrgMemberDeviceAccess"];
        /**
         * Replace a member's device access
         * @description `allDevices: true` gives every device, present and future; otherwise exactly `deviceIds`. Admins always have every device (409 `member.admin_all_devices`). Takes effect on the next check.
         *
         *     **Requires** the permission `user-management:users.device-access`. A non-member, or an unknown organization, gets 404.
         */
        put: operations["putOrgMemberDeviceAccess"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orgs/{orgId}/resources/{type}/{externalId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One resource
         * @description For a member who may access it (else 404, as for one that does not exist), or for the owning service's key.
         */
        get: operations["getOrgResource"];
        /**
         * Create or update a resource of your service (idempotent)
         * @description The owning service's key only (`Authorization: Bearer gks_…` of the service that registered the type): a key of another service is 403. 201 when created, 200 when it existed (its name and parent are replaced). `parent` is a resource of the type's parent type in the same organization (a hierarchy is at most 4 deep). With `createdBy` (a member who is not an Admin), that member gets access to it, as with devices they add. The answer carries `Gatehouse-Revision`.
         */
        put: operations["putOrgResource"];
        post?: never;
        /**
         * Delete a resource of your service, with its descendants
         * @description The owning service's key only (`Authorization: Bearer gks_…` of the service that registered the type): a key of another service is 403. Its descendants go too, and every member's access to them. The answer carries `Gatehouse-Revision`.
         */
        delete: operations["deleteOrgResource"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orgs/{orgId}/resources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The resources you may access, by name
         * @description Admins see every resource; anyone else those of a type they have `all` of (or of an ancestor's type), and those they were given or whose ancestor they were given. `type`, `parent` (a `res_…` id) and `q` (part of the name or external id) filter. Paged by name, with a cursor.
         *
         *     **Requires** membership of the organization. A non-member, or an unknown organization, gets 404.
         */
        get: operations["listOrgResources"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orgs/{orgId}/members/{userId}/access": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A member's access per resource type (any member may read their own)
         * @description `device` first, then every registered resource type. Admins have `all` of every type.
         *
         *     **Requires** the permission `user-management:access` (or acting on yourself). A non-member, or an unknown organization, gets 404.
         */
        get: operations["getOrgMemberAccess"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orgs/{orgId}/members/{userId}/access/{type}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace a member's access to one resource type
         * @description `all: true` gives every resource of the type, present and future; otherwise exactly `ids`. `device` is the device access of `…/device-access`. Nobody grants access they do not have (403 `authz.access_escalation`, `authz.device_escalation` for devices), nor changes their own unless Admin; Admins always have everything (409). The answer carries `Gatehouse-Revision`.
         *
         *     **Requires** the permission `user-management:users.device-access`. A non-member, or an unknown organization, gets 404.
         */
        put: operations["putOrgMemberAcces"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Events of every organization, in commit order
         * @description Every change a Smart Service may care about, kept 7 days. Pass `nextCursor` as `after` to continue (it is the same cursor when nothing new came: poll again later). With `Accept: text/event-stream` the answer is a live stream of Server-Sent Events instead: each event as `id: <cursor>`, `event: <type>`, `data: <the event as JSON>`; it resumes after `Last-Event-ID` (or `after`), on any instance, also after a restart. Service keys only. A cursor (or `Last-Event-ID`) older than the events kept is a `410` `events.cursor_expired`: events after it are gone; start again without one.
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services/{slug}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The service's webhooks
         * @description With that service's own key; another service's key gets 403 `service.forbidden`.
         */
        get: operations["getServiceWebhooks"];
        put?: never;
        /**
         * Register a webhook for some event types
         * @description Events of these types are POSTed to `url`, signed per Standard Webhooks (`webhook-id` = the event id, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256>`), at least once, in order per organization, retried with backoff for 24 hours; a 2xx within 10 s is success; redirects are not followed. The address must not be private, loopback or link-local (after DNS resolution) unless the operator allows it (`WEBHOOK_ALLOWED_HOSTS`): else 400 `webhook.address_refused`. The signing `secret` is in this answer only. With that service's own key; another service's key gets 403 `service.forbidden`.
         */
        post: operations["createServiceWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services/{slug}/webhooks/{webhookId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One webhook (without its secret)
         * @description With that service's own key; another service's key gets 403 `service.forbidden`.
         */
        get: operations["getServiceWebhook"];
        put?: never;
        post?: never;
        /**
         * Remove a webhook and its pending deliveries
         * @description With that service's own key; another service's key gets 403 `service.forbidden`.
         */
        delete: operations["deleteServiceWebhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services/{slug}/webhooks/{webhookId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The webhook's delivery log, newest first
         * @description Kept as long as its event (7 days). With that service's own key; another service's key gets 403 `service.forbidden`.
         */
        get: operations["listServiceWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services/{slug}/webhooks/{webhookId}/deliveries/{deliveryId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a delivery again now
         * @description Whatever its state (succeeded, failed, waiting for its next attempt); it is sent once the deliveries before it of its organization are done. With that service's own key; another service's key gets 403 `service.forbidden`.
         */
        post: operations["postServiceWebhookDeliverieRetry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/authz/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * May this user, in this organization, do this (on this device)?
         * @description allowed = the member's role holds the permission AND (no device or resource named, or the permission has no resource type, or the member is Admin, or has all of the resource's type or of an ancestor's type, or has the resource or one of its ancestors). A device or resource of another organization is `unknown_device` / `unknown_resource`; a resource of another type than the permission's, `resource_type_mismatch`. In an organization that requires a second factor, a member without any factor enrolled is `mfa_required` (the check knows the member, not their session: whether a given session was signed in with one, the service's own sign-in tells). Name a device by `deviceId` or `resource: {type: "device", id}`, not both. Authenticate with a service key (`Authorization: Bearer gks_…`, created with `npx gatehouse service-client create`), or as a signed-in user asking about yourself. A change (a role, a removal, device access) applies to the next check. When the service cannot answer reliably it answers 503 `service.unavailable`, never `allowed: true`.
         */
        post: operations["postAuthzCheck"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/authz/check-batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Up to 1000 checks at once, answered in order
         * @description Authenticate with a service key (`Authorization: Bearer gks_…`, created with `npx gatehouse service-client create`), or as a signed-in user asking about yourself. A change (a role, a removal, device access) applies to the next check. When the service cannot answer reliably it answers 503 `service.unavailable`, never `allowed: true`.
         */
        post: operations["postAuthzCheckBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/authz/accessible-devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The devices a member reaches, paged
         * @description `allDevices: true` for Admins and members with every device (the items then list every device of the organization, page by page). With `permission`, nothing unless the role holds it. Authenticate with a service key (`Authorization: Bearer gks_…`, created with `npx gatehouse service-client create`), or as a signed-in user asking about yourself. A change (a role, a removal, device access) applies to the next check. When the service cannot answer reliably it answers 503 `service.unavailable`, never `allowed: true`.
         */
        post: operations["postAuthzAccessibleDevices"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/authz/accessible-resources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The resources of one type a member reaches, paged
         * @description `all: true` for Admins and members with all of the type (or of an ancestor's type): the items then list every resource of the type, page by page; else those given to the member, directly or through an ancestor. With `permission`, nothing unless the role holds it. Authenticate with a service key (`Authorization: Bearer gks_…`, created with `npx gatehouse service-client create`), or as a signed-in user asking about yourself. A change (a role, a removal, device access) applies to the next check. When the service cannot answer reliably it answers 503 `service.unavailable`, never `allowed: true`.
         */
        post: operations["postAuthzAccessibleResources"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description RFC 9457 problem details, sent as `application/problem+json`. `code` is stable (the catalogue: docs/errors.md); `requestId` names the request in the service's log. */
        Problem: {
            type: string;
            title: string;
            status: number;
            detail?: string;
            /** @enum {string} */
            code: "request.invalid" | "request.malformed_json" | "request.unsupported_media_type" | "request.too_large" | "request.not_found" | "request.method_not_allowed" | "auth.unauthenticated" | "auth.invalid_credentials" | "auth.email_not_verified" | "auth.csrf" | "auth.throttled" | "request.throttled" | "auth.wrong_password" | "auth.mfa_required" | "auth.reauthentication_required" | "auth.wrong_second_factor" | "auth.invalid_second_factor" | "auth.mfa_token_invalid" | "auth.passkey_invalid" | "mfa.totp_already_enabled" | "mfa.totp_not_started" | "mfa.code_invalid" | "mfa.no_factor" | "passkey.not_found" | "passkey.invalid" | "passkey.already_registered" | "organization.mfa_admin_without_factor" | "password.too_weak" | "token.invalid" | "account.email_taken" | "account.same_email" | "authz.forbidden" | "authz.escalation" | "authz.device_escalation" | "authz.access_escalation" | "authz.revision_unavailable" | "organization.not_found" | "member.not_found" | "member.last_admin" | "invitation.not_found" | "invitation.not_pending" | "invitation.email_mismatch" | "invitation.already_member" | "invitation.already_pending" | "invitation.role_gone" | "invitation.device_gone" | "invitation.inviter_lacks_authority" | "invitation.throttled" | "device.not_found" | "resource.not_found" | "resource.type_not_found" | "member.admin_all_resources" | "device.already_registered" | "member.admin_all_devices" | "role.not_found" | "role.built_in" | "role.in_use" | "role.name_taken" | "role.name_confusable" | "role.name_invisible" | "idempotency.key_reused" | "idempotency.in_progress" | "idempotency.response_lost" | "idempotency.secret_not_replayed" | "oidc.interaction_expired" | "service.forbidden" | "events.cursor_expired" | "webhook.not_found" | "webhook.delivery_not_found" | "webhook.address_refused" | "service.manifest_invalid" | "service.limit_exceeded" | "service.type_in_use" | "service.icon_invalid" | "service.icon_not_found" | "service.busy" | "service.unavailable" | "internal";
            requestId: string;
            /** @description `idempotency.secret_not_replayed`: where to read the result of the request that was applied. */
            location?: string;
            /** @description `idempotency.secret_not_replayed`: the fields of the first answer that were shown once and are not replayed. */
            secretFields?: string[];
            errors?: {
                field: string;
                rule: string;
                message: string;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: string;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReadyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: string;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Prometheus text exposition format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthSignup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description E-mail address; compared case-insensitively, IDNA domains allowed. */
                    email: string;
                    /** @description Checked against the password policy (see `password.too_weak`). */
                    password: string;
                    firstName: string;
                    lastName: string;
                    /** @description The token from a mailed link. */
                    invitationToken?: string;
                    /** @description The language of the new account (its mails are written in it; changeable with `PATCH /me`). Without it, the best of `Accept-Language`, else `en`. */
                    locale?: "en" | "de";
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: string;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAuthPasswordPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        mode: "default" | "nist";
                        minLength: number;
                        maxLength: number;
                        rules: ("min_length" | "max_length" | "lowercase" | "uppercase" | "digit" | "special" | "blocklisted" | "contains_email")[];
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthVerifyEmail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The token from a mailed link. */
                    token: string;
                    /** @description Checked against the password policy (see `password.too_weak`). */
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: {
                            id: string;
                            email: string;
                            firstName: string;
                            lastName: string;
                            emailVerified: boolean;
                            /** @description The language the user reads Gatehouse in; every mail to them is written in it. */
                            locale: "en" | "de";
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthResendVerification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description E-mail address; compared case-insensitively, IDNA domains allowed. */
                    email: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: string;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description E-mail address; compared case-insensitively, IDNA domains allowed. */
                    email: string;
                    /** @description Checked against the password policy (see `password.too_weak`). */
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        token: string;
                        /** Format: date-time */
                        expiresAt: string;
                        user: {
                            id: string;
                            email: string;
                            firstName: string;
                            lastName: string;
                            emailVerified: boolean;
                            /** @description The language the user reads Gatehouse in; every mail to them is written in it. */
                            locale: "en" | "de";
                            /** Format: date-time */
                            createdAt: string;
                        };
                        activeOrganizationId: string | null;
                    } | {
                        /** @enum {boolean} */
                        mfaRequired: true;
                        /** @description For `POST /auth/login/mfa`: 5 minutes, 5 tries. */
                        mfaToken: string;
                        /** @description The second factors the account has. */
                        methods: ("totp" | "passkey" | "recovery_code")[];
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description E-mail address; compared case-insensitively, IDNA domains allowed. */
                    email: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: string;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthPasswordResetConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The token from a mailed link. */
                    token: string;
                    /** @description Checked against the password policy (see `password.too_weak`). */
                    password: string;
                };
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthConfirmEmailChange: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The token from a mailed link. */
                    token: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: {
                            id: string;
                            email: string;
                            firstName: string;
                            lastName: string;
                            emailVerified: boolean;
                            /** @description The language the user reads Gatehouse in; every mail to them is written in it. */
                            locale: "en" | "de";
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: {
                            id: string;
                            email: string;
                            firstName: string;
                            lastName: string;
                            emailVerified: boolean;
                            /** @description The language the user reads Gatehouse in; every mail to them is written in it. */
                            locale: "en" | "de";
                            /** Format: date-time */
                            createdAt: string;
                        };
                        activeOrganizationId: string | null;
                        organizations: {
                            id: string;
                            name: string;
                            role: {
                                id: string;
                                name: string;
                            };
                        }[];
                        /** @description Which second factors you have; with none, a sign-in needs the password alone. */
                        mfa: {
                            /** @description An authenticator app (TOTP) is enabled. */
                            totp: boolean;
                            /** @description How many passkeys are registered. */
                            passkeys: number;
                            /** @description Unused recovery codes. */
                            recoveryCodesLeft: number;
                        };
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Checked against the password policy (see `password.too_weak`). */
                    password: string;
                    /** @description The 6-digit code the authenticator app shows now. */
                    code?: string;
                    /** @description One of the recovery codes (`xxxx-xxxx-xxxx-xxxx`; case, spaces and dashes do not matter). Each works once. */
                    recoveryCode?: string;
                    /** @description An assertion for options from `POST /auth/passkey/options` (without `mfaToken`), of one of your passkeys. */
                    passkeyResponse?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    firstName?: string;
                    lastName?: string;
                    /** @description A language: `en` (English) or `de` (German). */
                    locale?: "en" | "de";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: {
                            id: string;
                            email: string;
                            firstName: string;
                            lastName: string;
                            emailVerified: boolean;
                            /** @description The language the user reads Gatehouse in; every mail to them is written in it. */
                            locale: "en" | "de";
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putMyPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Checked against the password policy (see `password.too_weak`). */
                    currentPassword: string;
                    /** @description Checked against the password policy (see `password.too_weak`). */
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMyEmailChange: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description E-mail address; compared case-insensitively, IDNA domains allowed. */
                    newEmail: string;
                    /** @description Checked against the password policy (see `password.too_weak`). */
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: string;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putMyActiveOrganization: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    organizationId: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: {
                            id: string;
                            email: string;
                            firstName: string;
                            lastName: string;
                            emailVerified: boolean;
                            /** @description The language the user reads Gatehouse in; every mail to them is written in it. */
                            locale: "en" | "de";
                            /** Format: date-time */
                            createdAt: string;
                        };
                        activeOrganizationId: string | null;
                        organizations: {
                            id: string;
                            name: string;
                            role: {
                                id: string;
                                name: string;
                            };
                        }[];
                        /** @description Which second factors you have; with none, a sign-in needs the password alone. */
                        mfa: {
                            /** @description An authenticator app (TOTP) is enabled. */
                            totp: boolean;
                            /** @description How many passkeys are registered. */
                            passkeys: number;
                            /** @description Unused recovery codes. */
                            recoveryCodesLeft: number;
                        };
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMyMfaTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Base32, for typing into the app. */
                        secret: string;
                        otpauthUri: string;
                        /** @description An SVG document of the QR code of `otpauthUri`. */
                        qrSvg: string;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteMyMfaTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Checked against the password policy (see `password.too_weak`). */
                    password?: string;
                    /** @description The 6-digit code the authenticator app shows now. */
                    code?: string;
                    /** @description One of the recovery codes (`xxxx-xxxx-xxxx-xxxx`; case, spaces and dashes do not matter). Each works once. */
                    recoveryCode?: string;
                    /** @description An assertion for options from `POST /auth/passkey/options` (without `mfaToken`), of one of your passkeys. */
                    passkeyResponse?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMyMfaTotpConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The 6-digit code the authenticator app shows now. */
                    code: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Shown this once: only their hashes are kept. Each signs in once instead of a second factor. */
                        recoveryCodes: string[];
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMyMfaRecoveryCodes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Checked against the password policy (see `password.too_weak`). */
                    password?: string;
                    /** @description The 6-digit code the authenticator app shows now. */
                    code?: string;
                    /** @description One of the recovery codes (`xxxx-xxxx-xxxx-xxxx`; case, spaces and dashes do not matter). Each works once. */
                    recoveryCode?: string;
                    /** @description An assertion for options from `POST /auth/passkey/options` (without `mfaToken`), of one of your passkeys. */
                    passkeyResponse?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Shown this once: only their hashes are kept. Each signs in once instead of a second factor. */
                        recoveryCodes: string[];
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMyPasskeysOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description PublicKeyCredentialCreationOptionsJSON (WebAuthn Level 3). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMyPasskeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            /** @description `multiDevice`: a synced passkey (OpenID Connect `amr` `swk`); `singleDevice`: bound to its authenticator (`hwk`). */
                            deviceType: "singleDevice" | "multiDevice";
                            backedUp: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            lastUsedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createMyPasskey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description RegistrationResponseJSON */
                    response: {
                        [key: string]: unknown;
                    };
                    /** @description Your name for it ("Laptop", "YubiKey"). */
                    name: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        passkey: {
                            id: string;
                            name: string;
                            /** @description `multiDevice`: a synced passkey (OpenID Connect `amr` `swk`); `singleDevice`: bound to its authenticator (`hwk`). */
                            deviceType: "singleDevice" | "multiDevice";
                            backedUp: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            lastUsedAt: string | null;
                        };
                        recoveryCodes: string[] | null;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteMyPasskey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Checked against the password policy (see `password.too_weak`). */
                    password?: string;
                    /** @description The 6-digit code the authenticator app shows now. */
                    code?: string;
                    /** @description One of the recovery codes (`xxxx-xxxx-xxxx-xxxx`; case, spaces and dashes do not matter). Each works once. */
                    recoveryCode?: string;
                    /** @description An assertion for options from `POST /auth/passkey/options` (without `mfaToken`), of one of your passkeys. */
                    passkeyResponse?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateMyPasskey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Your name for it ("Laptop", "YubiKey"). */
                    name: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @description `multiDevice`: a synced passkey (OpenID Connect `amr` `swk`); `singleDevice`: bound to its authenticator (`hwk`). */
                        deviceType: "singleDevice" | "multiDevice";
                        backedUp: boolean;
                        /** Format: date-time */
                        createdAt: string;
                        lastUsedAt: string | null;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthLoginMfa: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The token from a mailed link. */
                    mfaToken: string;
                    /** @description The 6-digit code the authenticator app shows now. */
                    code?: string;
                    /** @description One of the recovery codes (`xxxx-xxxx-xxxx-xxxx`; case, spaces and dashes do not matter). Each works once. */
                    recoveryCode?: string;
                    /** @description AuthenticationResponseJSON */
                    passkeyResponse?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        token: string;
                        /** Format: date-time */
                        expiresAt: string;
                        user: {
                            id: string;
                            email: string;
                            firstName: string;
                            lastName: string;
                            emailVerified: boolean;
                            /** @description The language the user reads Gatehouse in; every mail to them is written in it. */
                            locale: "en" | "de";
                            /** Format: date-time */
                            createdAt: string;
                        };
                        activeOrganizationId: string | null;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthPasskeyOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The token from a mailed link. */
                    mfaToken?: string;
                };
            };
        };
        responses: {
            /** @description PublicKeyCredentialRequestOptionsJSON (WebAuthn Level 3). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthPasskey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description AuthenticationResponseJSON */
                    response: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        token: string;
                        /** Format: date-time */
                        expiresAt: string;
                        user: {
                            id: string;
                            email: string;
                            firstName: string;
                            lastName: string;
                            emailVerified: boolean;
                            /** @description The language the user reads Gatehouse in; every mail to them is written in it. */
                            locale: "en" | "de";
                            /** Format: date-time */
                            createdAt: string;
                        };
                        activeOrganizationId: string | null;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPermissions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description `<service>:<action>` */
                        key: string;
                        /** @description The slug of the service whose manifest brings it. */
                        service: string;
                        /** @description The permission's name, in English and German (`de` may be absent: show `en`). */
                        label: {
                            en: string;
                            de?: string;
                        };
                        /** @description What the permission allows, in English and German (`de` may be absent: show `en`). */
                        description: {
                            en: string;
                            de?: string;
                        };
                        /** @description The resource type a check of it may name: `device`, `<slug>:<type>` of a service, or null. */
                        resourceType: string | null;
                        /** @description A check naming a device also needs access to that device (`resourceType` is `device`). */
                        deviceScoped: boolean;
                        /**
                         * @description Left out of its service's manifest: kept in the custom roles holding it, granted by no check (`unknown_permission`), not grantable anew.
                         * @enum {boolean}
                         */
                        deprecated?: true;
                    }[];
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listServices: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        slug: string;
                        /** @description The service's name, in English and German. */
                        name: {
                            en: string;
                            de?: string;
                        };
                        /** @description The service's entry page. */
                        url?: string;
                        /** @description Raised by each change of its manifest. */
                        version: number;
                        /** @description Shipped with Gatehouse and applied at every start; false once the service registered its own manifest. */
                        builtIn: boolean;
                        permissions: {
                            key: string;
                            /** @description In English and German. */
                            label: {
                                en: string;
                                de?: string;
                            };
                            /** @description In English and German. */
                            description: {
                                en: string;
                                de?: string;
                            };
                            /** @description The resource type a check of it may name: `device`, `<slug>:<type>` of a service, or null. */
                            resourceType: string | null;
                            deprecated: boolean;
                        }[];
                        resourceTypes: {
                            /** @description `<slug>:<type>` */
                            type: string;
                            /** @description The parent type: access to a parent covers its descendants. */
                            parent: string | null;
                            /** @description In English and German. */
                            name: {
                                en: string;
                                de?: string;
                            };
                        }[];
                    }[];
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getServiceIcon: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sanitised SVG. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/svg+xml": string;
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOrgServices: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        slug: string;
                        /** @description The service's name, in English and German (`de` may be absent: show `en`). */
                        name: {
                            en: string;
                            de?: string;
                        };
                        /** @description The service's entry page (https). */
                        url: string;
                        /** @description The service has an icon: `GET /services/{slug}/icon`. */
                        hasIcon: boolean;
                    }[];
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putServiceManifest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        /** @description A service manifest (docs/smart-services.md "Registering a service"). */
        requestBody: {
            content: {
                "application/json": {
                    /** @description The slug: the prefix of its permission keys. */
                    service: string;
                    name: {
                        en: string;
                        de?: string;
                    };
                    /** @description The entry page: an https:// URL. */
                    url?: string;
                    /** @description An SVG document of at most 8 KB (the web UI shows it in its navigation). Sanitised when written (scripts, event handlers, foreign content removed) and served as that; `400 service.icon_invalid` when no SVG is left or it is too large. Left out, the service has no icon. */
                    icon?: string;
                    /** @description At most 20. */
                    resourceTypes?: {
                        /** @description Named `<slug>:<type>` outside the manifest. */
                        type: string;
                        /** @description Another type of this manifest; a hierarchy is at most 4 deep, without cycles. */
                        parent?: string;
                        name: {
                            en: string;
                            de?: string;
                        };
                    }[];
                    /** @description At most 500. A permission left out of a new version is deprecated. */
                    permissions: {
                        /** @description The key is `<slug>:<action>`, e.g. `dashboards.view`. */
                        action: string;
                        label: {
                            en: string;
                            de?: string;
                        };
                        description: {
                            en: string;
                            de?: string;
                        };
                        /** @description `device`, one of `resourceTypes`, or absent. */
                        resourceType?: string;
                        /** @description The built-in roles holding it: `admin`, `editor`, `viewer`. */
                        roles?: string[];
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        service: string;
                        version: number;
                        /** @description What changed: permissions added, changed, deprecated, restored; resource types added, changed, removed; name, url. */
                        changes: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOrgs: {
        parameters: {
            query?: {
                /** @description Part of the name, any case. */
                q?: string;
                /** @description Page size (default 50, at most 200). */
                limit?: number;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            role: {
                                id: string;
                                name: string;
                            };
                            /** @description The caller's active organization. */
                            active: boolean;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createOrg: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Shown to every member; leading and trailing spaces are dropped. */
                    name: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOrg: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** Format: date-time */
                        createdAt: string;
                        memberCount: number;
                        /** @description Members must sign in with a second factor: a session without one gets 403 `auth.mfa_required` on this organization. */
                        requireMfa: boolean;
                        /** @description For Admins only: how many members have no second factor yet. */
                        membersWithoutMfa?: number;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteOrg: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateOrg: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Shown to every member; leading and trailing spaces are dropped. */
                    name?: string;
                    requireMfa?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** Format: date-time */
                        createdAt: string;
                        memberCount: number;
                        /** @description Members must sign in with a second factor: a session without one gets 403 `auth.mfa_required` on this organization. */
                        requireMfa: boolean;
                        /** @description For Admins only: how many members have no second factor yet. */
                        membersWithoutMfa?: number;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOrgBilling: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        companyName: string | null;
                        street: string | null;
                        postalCode: string | null;
                        city: string | null;
                        country: string | null;
                        vatId: string | null;
                        billingEmail: string | null;
                        updatedAt: string | null;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putOrgBilling: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    companyName: string;
                    street: string;
                    postalCode: string;
                    city: string;
                    /** @description ISO 3166-1 alpha-2 code (`DE`, `AT`…); stored upper-case. */
                    country: string;
                    vatId?: string | null;
                    /** @description E-mail address; compared case-insensitively, IDNA domains allowed. */
                    billingEmail: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        companyName: string | null;
                        street: string | null;
                        postalCode: string | null;
                        city: string | null;
                        country: string | null;
                        vatId: string | null;
                        billingEmail: string | null;
                        updatedAt: string | null;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOrgMe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        role: {
                            id: string;
                            name: string;
                        };
                        permissions: string[];
                        deviceAccess: {
                            allDevices: boolean;
                            deviceIds: string[];
                        };
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOrgMembers: {
        parameters: {
            query?: {
                q?: string;
                /** @description `admin`, `editor`, `viewer` or a custom role's `rol_` id. */
                role?: string;
                status?: "active" | "invited" | "all";
                sort?: "firstName" | "lastName" | "email" | "role" | "joinedAt";
                order?: "asc" | "desc";
                /** @description Page size (default 50, at most 200). */
                limit?: number;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description `null` for a pending invitation. */
                            userId: string | null;
                            email: string;
                            firstName: string | null;
                            lastName: string | null;
                            role: {
                                id: string;
                                name: string;
                            };
                            status: "active" | "invited";
                            joinedAt: string | null;
                            /** @description `null` when the member founded the organization or the inviter's account is gone. */
                            invitedBy: {
                                userId: string;
                                firstName: string;
                                lastName: string;
                            } | null;
                            /** @description Present on pending invitations (`status: "invited"`). */
                            invitationId?: string;
                            /**
                             * Format: date-time
                             * @description Pending invitations: when it was sent first (a resend keeps this date).
                             */
                            invitedAt?: string;
                            /** @description Pending invitations: when the link stops working (`null`: never, `INVITATION_TTL=0`). */
                            expiresAt?: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOrgMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description `null` for a pending invitation. */
                        userId: string | null;
                        email: string;
                        firstName: string | null;
                        lastName: string | null;
                        role: {
                            id: string;
                            name: string;
                        };
                        status: "active" | "invited";
                        joinedAt: string | null;
                        /** @description `null` when the member founded the organization or the inviter's account is gone. */
                        invitedBy: {
                            userId: string;
                            firstName: string;
                            lastName: string;
                        } | null;
                        /** @description Present on pending invitations (`status: "invited"`). */
                        invitationId?: string;
                        /**
                         * Format: date-time
                         * @description Pending invitations: when it was sent first (a resend keeps this date).
                         */
                        invitedAt?: string;
                        /** @description Pending invitations: when the link stops working (`null`: never, `INVITATION_TTL=0`). */
                        expiresAt?: string | null;
                        deviceAccess: {
                            /** @description Admins always have every device. */
                            allDevices: boolean;
                            deviceIds: string[];
                        };
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteOrgMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateOrgMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description `admin`, `editor`, `viewer` or a custom role's `rol_` id. */
                    roleId: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description `null` for a pending invitation. */
                        userId: string | null;
                        email: string;
                        firstName: string | null;
                        lastName: string | null;
                        role: {
                            id: string;
                            name: string;
                        };
                        status: "active" | "invited";
                        joinedAt: string | null;
                        /** @description `null` when the member founded the organization or the inviter's account is gone. */
                        invitedBy: {
                            userId: string;
                            firstName: string;
                            lastName: string;
                        } | null;
                        /** @description Present on pending invitations (`status: "invited"`). */
                        invitationId?: string;
                        /**
                         * Format: date-time
                         * @description Pending invitations: when it was sent first (a resend keeps this date).
                         */
                        invitedAt?: string;
                        /** @description Pending invitations: when the link stops working (`null`: never, `INVITATION_TTL=0`). */
                        expiresAt?: string | null;
                        deviceAccess: {
                            /** @description Admins always have every device. */
                            allDevices: boolean;
                            deviceIds: string[];
                        };
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postOrgLeave: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOrgRoles: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        description: string;
                        builtIn: boolean;
                        /** @description Permission keys, in catalog order. */
                        permissions: string[];
                        /** @description How many members of the organization hold the role (pending invitations not counted). */
                        memberCount: number;
                    }[];
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createOrgRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Unique in the organization, any case; `Admin`, `Editor` and `Viewer` are reserved. */
                    name: string;
                    description?: string;
                    /** @description Keys of `GET /permissions`; duplicates are ignored. */
                    permissions: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        description: string;
                        builtIn: boolean;
                        /** @description Permission keys, in catalog order. */
                        permissions: string[];
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteOrgRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                /** @description `admin`, `editor`, `viewer` or a custom role's `rol_` id. */
                roleId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateOrgRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                /** @description `admin`, `editor`, `viewer` or a custom role's `rol_` id. */
                roleId: string;
            };
            cookie?: never;
        };
        /** @description At least one field. */
        requestBody: {
            content: {
                "application/json": {
                    /** @description Unique in the organization, any case; `Admin`, `Editor` and `Viewer` are reserved. */
                    name?: string;
                    description?: string;
                    /** @description Keys of `GET /permissions`; duplicates are ignored. */
                    permissions?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        description: string;
                        builtIn: boolean;
                        /** @description Permission keys, in catalog order. */
                        permissions: string[];
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOrgAuditEvents: {
        parameters: {
            query?: {
                action?: string;
                actorId?: string;
                targetId?: string;
                /** @description Page size (default 50, at most 200). */
                limit?: number;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            action: string;
                            /** @description `null` for changes the service made itself (a new empty organization). */
                            actorId: string | null;
                            /** @description Who made the change, named as they were at the event (`name`/`email` are `null` for events recorded before names were). */
                            actor: {
                                id: string;
                                name: string | null;
                                email: string | null;
                            } | null;
                            target: {
                                type: string;
                                id: string;
                                /** @description As it was at the event. */
                                name: string | {
                                    /** @enum {boolean} */
                                    redacted: true;
                                } | null;
                                email: string | null;
                            } | null;
                            /** @description Values the reader may not see are `{ "redacted": true }`. */
                            before: unknown;
                            /** @description As `before`. */
                            after: unknown;
                            details: unknown;
                            /** @description The devices the event lists, named as they were; `{ "redacted": true }` for one the reader may not open. */
                            deviceNames: {
                                [key: string]: string | {
                                    /** @enum {boolean} */
                                    redacted: true;
                                };
                            };
                            /** @description Something in this event is hidden from the reader. */
                            redacted: boolean;
                            requestId: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOrgInvitations: {
        parameters: {
            query?: {
                status?: "pending" | "accepted" | "declined" | "revoked" | "expired" | "all";
                /** @description Page size (default 50, at most 200). */
                limit?: number;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            email: string;
                            role: {
                                id: string;
                                name: string;
                            };
                            invitedBy: {
                                userId: string;
                                firstName: string;
                                lastName: string;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description `null`: never expires (`INVITATION_TTL=0`). */
                            expiresAt: string | null;
                            status: "pending" | "accepted" | "declined" | "revoked" | "expired";
                            delivery: "email" | "link";
                            deviceAccess: {
                                allDevices: boolean;
                                deviceIds: string[];
                            };
                            /** @description Access per resource type, applied at acceptance. */
                            access: {
                                [key: string]: {
                                    all: boolean;
                                    ids: string[];
                                };
                            };
                            message: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createOrgInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description E-mail address; compared case-insensitively, IDNA domains allowed. */
                    email: string;
                    /** @description `admin`, `editor`, `viewer` or a custom role's `rol_` id. */
                    roleId: string;
                    /** @description Shown in the invitation mail; line breaks allowed. */
                    message?: string;
                    deviceAccess?: {
                        allDevices: boolean;
                        deviceIds: string[];
                    };
                    /** @description Access per resource type, `{"tsd:dashboard-group": {all, ids}}`, applied at acceptance like `deviceAccess` and under the same rules (403 `authz.access_escalation`). */
                    access?: {
                        [key: string]: {
                            all: boolean;
                            ids: string[];
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invitation: {
                            id: string;
                            email: string;
                            role: {
                                id: string;
                                name: string;
                            };
                            invitedBy: {
                                userId: string;
                                firstName: string;
                                lastName: string;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description `null`: never expires (`INVITATION_TTL=0`). */
                            expiresAt: string | null;
                            status: "pending" | "accepted" | "declined" | "revoked" | "expired";
                            delivery: "email" | "link";
                            deviceAccess: {
                                allDevices: boolean;
                                deviceIds: string[];
                            };
                            /** @description Access per resource type, applied at acceptance. */
                            access: {
                                [key: string]: {
                                    all: boolean;
                                    ids: string[];
                                };
                            };
                            message: string | null;
                        };
                        delivery: "email" | "link";
                        /** @description Only for `delivery: "link"` (another domain than yours): pass it on yourself. A mailed link is never shown. */
                        link?: string;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postOrgInvitationResend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                invitationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invitation: {
                            id: string;
                            email: string;
                            role: {
                                id: string;
                                name: string;
                            };
                            invitedBy: {
                                userId: string;
                                firstName: string;
                                lastName: string;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description `null`: never expires (`INVITATION_TTL=0`). */
                            expiresAt: string | null;
                            status: "pending" | "accepted" | "declined" | "revoked" | "expired";
                            delivery: "email" | "link";
                            deviceAccess: {
                                allDevices: boolean;
                                deviceIds: string[];
                            };
                            /** @description Access per resource type, applied at acceptance. */
                            access: {
                                [key: string]: {
                                    all: boolean;
                                    ids: string[];
                                };
                            };
                            message: string | null;
                        };
                        delivery: "email" | "link";
                        /** @description Only for `delivery: "link"` (another domain than yours): pass it on yourself. A mailed link is never shown. */
                        link?: string;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteOrgInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                invitationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getInvitationsPreview: {
        parameters: {
            query: {
                /** @description The token from a mailed link. */
                token: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        organization: {
                            name: string;
                        };
                        invitedBy: {
                            firstName: string;
                            lastName: string;
                        } | null;
                        role: {
                            name: string;
                        };
                        email: string;
                        status: string;
                        /** @description The inviter's message, as written. */
                        message: string | null;
                        /** @description `null`: never expires (`INVITATION_TTL=0`). */
                        expiresAt: string | null;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postInvitationsAccept: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The token from a mailed link. */
                    token: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        organizationId: string;
                        role: {
                            id: string;
                            name: string;
                        };
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postInvitationsDecline: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The token from a mailed link. */
                    token: string;
                };
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMyInvitations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            email: string;
                            role: {
                                id: string;
                                name: string;
                            };
                            invitedBy: {
                                userId: string;
                                firstName: string;
                                lastName: string;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description `null`: never expires (`INVITATION_TTL=0`). */
                            expiresAt: string | null;
                            status: "pending" | "accepted" | "declined" | "revoked" | "expired";
                            delivery: "email" | "link";
                            deviceAccess: {
                                allDevices: boolean;
                                deviceIds: string[];
                            };
                            /** @description Access per resource type, applied at acceptance. */
                            access: {
                                [key: string]: {
                                    all: boolean;
                                    ids: string[];
                                };
                            };
                            message: string | null;
                            organization: {
                                id: string;
                                name: string;
                            };
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMyInvitationAccept: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invitationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        organizationId: string;
                        role: {
                            id: string;
                            name: string;
                        };
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMyInvitationDecline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invitationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOrgDevices: {
        parameters: {
            query?: {
                q?: string;
                tag?: string;
                /** @description Page size (default 50, at most 200). */
                limit?: number;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            /** @description The hardware UUID printed on the housing, lower-case. */
                            uuid: string;
                            name: string;
                            location: string | null;
                            tags: string[];
                            description: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createOrgDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    uuid: string;
                    name: string;
                    location?: string | null;
                    /** @description Stored trimmed and lower-case, each once. */
                    tags?: string[];
                    description?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        device: {
                            id: string;
                            /** @description The hardware UUID printed on the housing, lower-case. */
                            uuid: string;
                            name: string;
                            location: string | null;
                            tags: string[];
                            description: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                        deviceToken: string;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOrgDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                deviceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description The hardware UUID printed on the housing, lower-case. */
                        uuid: string;
                        name: string;
                        location: string | null;
                        tags: string[];
                        description: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteOrgDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                deviceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateOrgDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                deviceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    location?: string | null;
                    /** @description Stored trimmed and lower-case, each once. */
                    tags?: string[];
                    description?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description The hardware UUID printed on the housing, lower-case. */
                        uuid: string;
                        name: string;
                        location: string | null;
                        tags: string[];
                        description: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postOrgDeviceToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                deviceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Shown only in this answer: it cannot be read again later. */
                        deviceToken: string;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOrgMemberDeviceAccess: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allDevices: boolean;
                        deviceIds: string[];
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putOrgMemberDeviceAccess: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    allDevices: boolean;
                    deviceIds: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allDevices: boolean;
                        deviceIds: string[];
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOrgResource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                /** @description A resource type, `<service>:<type>` (e.g. `tsd:dashboard`). */
                type: string;
                /** @description The service's own id of the resource: 1–200 printable characters, unique per organization and type. */
                externalId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Gatehouse's id, `res_…`: what access lists and `resource.id` in checks use. */
                        id: string;
                        type: string;
                        externalId: string;
                        name: string;
                        parent: {
                            /** @description A resource type, `<service>:<type>` (e.g. `tsd:dashboard`). */
                            type: string;
                            /** @description The service's own id of the resource: 1–200 printable characters, unique per organization and type. */
                            externalId: string;
                        } | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putOrgResource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                /** @description A resource type, `<service>:<type>` (e.g. `tsd:dashboard`). */
                type: string;
                /** @description The service's own id of the resource: 1–200 printable characters, unique per organization and type. */
                externalId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    parent?: {
                        /** @description A resource type, `<service>:<type>` (e.g. `tsd:dashboard`). */
                        type: string;
                        /** @description The service's own id of the resource: 1–200 printable characters, unique per organization and type. */
                        externalId: string;
                    };
                    createdBy?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Gatehouse's id, `res_…`: what access lists and `resource.id` in checks use. */
                        id: string;
                        type: string;
                        externalId: string;
                        name: string;
                        parent: {
                            /** @description A resource type, `<service>:<type>` (e.g. `tsd:dashboard`). */
                            type: string;
                            /** @description The service's own id of the resource: 1–200 printable characters, unique per organization and type. */
                            externalId: string;
                        } | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Gatehouse's id, `res_…`: what access lists and `resource.id` in checks use. */
                        id: string;
                        type: string;
                        externalId: string;
                        name: string;
                        parent: {
                            /** @description A resource type, `<service>:<type>` (e.g. `tsd:dashboard`). */
                            type: string;
                            /** @description The service's own id of the resource: 1–200 printable characters, unique per organization and type. */
                            externalId: string;
                        } | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteOrgResource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                /** @description A resource type, `<service>:<type>` (e.g. `tsd:dashboard`). */
                type: string;
                /** @description The service's own id of the resource: 1–200 printable characters, unique per organization and type. */
                externalId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOrgResources: {
        parameters: {
            query?: {
                /** @description A resource type, `<service>:<type>` (e.g. `tsd:dashboard`). */
                type?: string;
                parent?: string;
                q?: string;
                /** @description Page size (default 50, at most 200). */
                limit?: number;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description Gatehouse's id, `res_…`: what access lists and `resource.id` in checks use. */
                            id: string;
                            type: string;
                            externalId: string;
                            name: string;
                            parent: {
                                /** @description A resource type, `<service>:<type>` (e.g. `tsd:dashboard`). */
                                type: string;
                                /** @description The service's own id of the resource: 1–200 printable characters, unique per organization and type. */
                                externalId: string;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOrgMemberAccess: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: {
                            /** @description Every resource of the type, present and future. */
                            all: boolean;
                            /** @description Otherwise exactly these: `res_…` ids, or `dev_…` for `device`. Access to a resource covers its descendants. */
                            ids: string[];
                        };
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putOrgMemberAcces: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                userId: string;
                /** @description `device`, or a resource type `<service>:<type>`. */
                type: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Every resource of the type, present and future. */
                    all: boolean;
                    /** @description Otherwise exactly these: `res_…` ids, or `dev_…` for `device`. Access to a resource covers its descendants. */
                    ids: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Every resource of the type, present and future. */
                        all: boolean;
                        /** @description Otherwise exactly these: `res_…` ids, or `dev_…` for `device`. Access to a resource covers its descendants. */
                        ids: string[];
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description A `nextCursor` (or SSE id); empty or absent: from the oldest kept event. */
                after?: string;
                /** @description Comma-separated event types; absent: all. */
                types?: string;
                /** @description Page size (default 100, at most 1000). */
                limit?: number;
            };
            header?: {
                "last-event-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description `evt_…`, the same in every delivery of the event (the `webhook-id` of its webhooks). */
                            id: string;
                            /** @description An event type (shared/spec/PLATFORM.md "Events"). */
                            type: "member.added" | "member.removed" | "member.role_changed" | "member.access_changed" | "role.changed" | "role.deleted" | "device.added" | "device.deleted" | "resource.deleted" | "organization.deleted" | "user.deleted" | "service.manifest_changed";
                            /** @description The organization; null for the platform's own events (`service.manifest_changed`). */
                            organizationId: string | null;
                            /** Format: date-time */
                            occurredAt: string;
                            /** @description The organization's revision after the change (the `Gatehouse-Revision` of the write); null once the organization is gone. */
                            revision: number | null;
                            /** @description Ids of what changed; never secrets or tokens. */
                            data: {
                                [key: string]: unknown;
                            };
                        }[];
                        nextCursor: string;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Gone: what the request points at is no longer kept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getServiceWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The service's slug. */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            service: string;
                            url: string;
                            types: string[];
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createServiceWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The service's slug. */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uri */
                    url: string;
                    types: ("member.added" | "member.removed" | "member.role_changed" | "member.access_changed" | "role.changed" | "role.deleted" | "device.added" | "device.deleted" | "resource.deleted" | "organization.deleted" | "user.deleted" | "service.manifest_changed")[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        service: string;
                        url: string;
                        types: string[];
                        /** Format: date-time */
                        createdAt: string;
                        /** @description `whsec_…`, shown only in this answer: keep it to verify the signatures. */
                        secret: string;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getServiceWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The service's slug. */
                slug: string;
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        service: string;
                        url: string;
                        types: string[];
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteServiceWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The service's slug. */
                slug: string;
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listServiceWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Page size (default 50, at most 200). */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The service's slug. */
                slug: string;
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            eventId: string;
                            eventType: string;
                            /** @description The organization; null for the platform's own events. */
                            organizationId: string | null;
                            /** @description `pending`: waiting for its (next) attempt; `failed`: retries ended (24 hours after the event) or never allowed. */
                            status: "pending" | "succeeded" | "failed";
                            attempts: number;
                            nextAttemptAt: string | null;
                            /** @description The receiver's HTTP status at the last attempt. */
                            lastStatus: number | null;
                            lastError: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            finishedAt: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postServiceWebhookDeliverieRetry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The service's slug. */
                slug: string;
                webhookId: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        eventId: string;
                        eventType: string;
                        /** @description The organization; null for the platform's own events. */
                        organizationId: string | null;
                        /** @description `pending`: waiting for its (next) attempt; `failed`: retries ended (24 hours after the event) or never allowed. */
                        status: "pending" | "succeeded" | "failed";
                        attempts: number;
                        nextAttemptAt: string | null;
                        /** @description The receiver's HTTP status at the last attempt. */
                        lastStatus: number | null;
                        lastError: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller (the same answer). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthzCheck: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    userId: string;
                    organizationId: string;
                    permission: string;
                    deviceId?: string;
                    /** @description A resource by Gatehouse's id (`res_…`, or `dev_…` with type `device`) or by the service's own id, with its type. */
                    resource?: {
                        type: string;
                        id: string;
                    } | {
                        type: string;
                        externalId: string;
                    };
                    /** @description Answer from the organization's state at this revision or newer (a write's `Gatehouse-Revision`): never an older answer, on any instance; 503 `authz.revision_unavailable` if it is not reached within 2 s. */
                    atLeastRevision?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allowed: boolean;
                        /** @enum {string} */
                        reason: "granted" | "not_member" | "permission_denied" | "device_denied" | "unknown_permission" | "unknown_device" | "mfa_required" | "resource_denied" | "unknown_resource" | "resource_type_mismatch";
                        /** @description The organization's revision the answer was decided at. */
                        revision: number;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthzCheckBatch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    checks: {
                        userId: string;
                        organizationId: string;
                        permission: string;
                        deviceId?: string;
                        /** @description A resource by Gatehouse's id (`res_…`, or `dev_…` with type `device`) or by the service's own id, with its type. */
                        resource?: {
                            type: string;
                            id: string;
                        } | {
                            type: string;
                            externalId: string;
                        };
                        /** @description Answer from the organization's state at this revision or newer (a write's `Gatehouse-Revision`): never an older answer, on any instance; 503 `authz.revision_unavailable` if it is not reached within 2 s. */
                        atLeastRevision?: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            allowed: boolean;
                            /** @enum {string} */
                            reason: "granted" | "not_member" | "permission_denied" | "device_denied" | "unknown_permission" | "unknown_device" | "mfa_required" | "resource_denied" | "unknown_resource" | "resource_type_mismatch";
                            /** @description The organization's revision the answer was decided at. */
                            revision: number;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthzAccessibleDevices: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    userId: string;
                    organizationId: string;
                    permission?: string;
                    cursor?: string;
                    /** @default 100 */
                    limit?: number;
                    /** @description Answer from the organization's state at this revision or newer (a write's `Gatehouse-Revision`): never an older answer, on any instance; 503 `authz.revision_unavailable` if it is not reached within 2 s. */
                    atLeastRevision?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allDevices: boolean;
                        items: string[];
                        nextCursor: string | null;
                        /** @description The organization's revision the answer was decided at. */
                        revision: number;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthzAccessibleResources: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    userId: string;
                    organizationId: string;
                    type: string;
                    permission?: string;
                    cursor?: string;
                    /** @default 100 */
                    limit?: number;
                    /** @description Answer from the organization's state at this revision or newer (a write's `Gatehouse-Revision`): never an older answer, on any instance; 503 `authz.revision_unavailable` if it is not reached within 2 s. */
                    atLeastRevision?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        all: boolean;
                        items: {
                            id: string;
                            externalId: string;
                        }[];
                        nextCursor: string | null;
                        /** @description The organization's revision the answer was decided at. */
                        revision: number;
                    };
                };
            };
            /** @description The request is invalid: a field, parameter or body that the operation does not take or accept. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the session or key is not valid. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: the caller may not do this (or a cross-site write). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is larger than the service accepts. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json`. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error (details only in the service's log, under the `requestId`). An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Busy, or a dependency is unavailable: retry after `Retry-After` seconds. An RFC 9457 problem document; its `code` says why (docs/errors.md). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
