-- Codes, access and refresh tokens and pushed requests were stored under their own value as the
-- row's id (oidc-provider's opaque format), so the table held live bearer credentials. From now on
-- the adapter stores them under the SHA-256 of the value (hex, as every other Gatehouse token) and
-- without the `jti` that repeated it; the rows written before are converted the same way.
UPDATE oidc_payloads
SET id = encode(sha256(convert_to(id, 'UTF8')), 'hex'),
    payload = payload - 'jti'
WHERE kind IN ('AccessToken', 'RefreshToken', 'AuthorizationCode', 'ClientCredentials', 'PushedAuthorizationRequest');
