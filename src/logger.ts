// Structured JSON logs that never carry a password, a token or a hash: credentials are redacted
// by path, and URLs lose the value of any `token` query parameter.
import pino, { type Logger } from 'pino';

const redactTokenInUrl = (url: string) => url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');

const credentialKeys = ['password', 'newPassword', 'currentPassword', 'token', 'passwordHash', 'deviceToken', 'key'];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'gatehouse' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          'headers.authorization',
          'headers.cookie',
          '*.headers.authorization',
          '*.headers.cookie',
          // At the top level of a log call (`log.info({ token })`) and one level down (`{ body: { password } }`).
          ...credentialKeys,
          ...credentialKeys.map((k) => `*.${k}`),
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { method: string; url: string; ip?: string; id?: string }) => ({
          method: req.method,
          url: redactTokenInUrl(req.url),
          ip: req.ip,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
    destination,
  );
}

export { redactTokenInUrl };
