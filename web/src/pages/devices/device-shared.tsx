// What the device list and the device page share: the device's shape, the tags as text, the
// metadata fields, and the dialog that shows a device token once.
import type { ReactNode } from 'react';
import { Button, CopyField, Dialog, Notice, TextArea, TextField, useFieldErrors } from '../../components/ui.js';
import { defineMessages, useLang, useT } from '../../i18n/i18n.js';
import { fieldProblemText } from '../../i18n/errors.js';
import { ApiError } from '../../api/client.js';
import '../pages.css';

import type { Device } from '../../api/types.js';

export type { Device };

export interface DeviceFields {
  name: string;
  location: string;
  tags: string;
  description: string;
}

export const fieldsOf = (d?: Device): DeviceFields => ({
  name: d?.name ?? '',
  location: d?.location ?? '',
  tags: d?.tags.join(', ') ?? '',
  description: d?.description ?? '',
});

/** Tags are typed comma-separated; the service stores them trimmed, lower-case, each once. */
const parseTags = (text: string): string[] => [
  ...new Set(
    text
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  ),
];

/** The body for POST/PATCH: empty optional fields become null (cleared), tags an array. */
export const bodyOf = (f: DeviceFields) => ({
  name: f.name.trim(),
  location: f.location.trim() || null,
  tags: parseTags(f.tags),
  description: f.description.trim() || null,
});

const messages = defineMessages({
  en: {
    name: 'Name',
    nameHint: 'A unique, descriptive name helps you find the device again, e.g. its designation in your plant.',
    location: 'Location',
    tags: 'Tags',
    tagsHint: 'Separated by commas, e.g. “hall 3, packaging”.',
    description: 'Description',
    tokenTitle: 'Device token',
    tokenLabel: 'Device token of {name}',
    tokenOnce:
      'Copy the device token now and store it safely. It is shown only this once: Gatehouse keeps only a fingerprint of it. If it is lost, reset the token.',
    done: 'I have copied the token',
  },
  de: {
    name: 'Name',
    nameHint: 'Ein eindeutiger, sprechender Name hilft, das Gerät wiederzufinden, z. B. seine Bezeichnung in Ihrer Anlage.',
    location: 'Standort',
    tags: 'Tags',
    tagsHint: 'Durch Kommas getrennt, z. B. „halle 3, verpackung“.',
    description: 'Beschreibung',
    tokenTitle: 'Geräte-Token',
    tokenLabel: 'Geräte-Token von {name}',
    tokenOnce:
      'Kopieren Sie das Geräte-Token jetzt und bewahren Sie es sicher auf. Es wird nur dieses eine Mal angezeigt: Gatehouse speichert nur einen Fingerabdruck davon. Geht es verloren, setzen Sie das Token zurück.',
    done: 'Ich habe das Token kopiert',
  },
});

/** Name, location, tags, description: controlled, so a failed request keeps what was typed. */
export function DeviceMetadataFields({
  value,
  onChange,
  error,
  disabled,
}: {
  value: DeviceFields;
  onChange(next: DeviceFields): void;
  error: unknown;
  disabled?: boolean;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const errors = useFieldErrors(error);
  const set = (k: keyof DeviceFields) => (e: { target: { value: string } }) => onChange({ ...value, [k]: e.target.value });
  // A problem with one tag is reported as `/tags/0`: show it at the tags field.
  const tagProblem = error instanceof ApiError ? error.fieldErrors.find((e) => e.field.startsWith('/tags/')) : undefined;
  return (
    <>
      <TextField
        label={t('name')}
        hint={t('nameHint')}
        value={value.name}
        onChange={set('name')}
        required
        maxLength={100}
        disabled={disabled}
        error={errors.field('name')}
      />
      <TextField
        label={t('location')}
        value={value.location}
        onChange={set('location')}
        maxLength={200}
        disabled={disabled}
        error={errors.field('location')}
      />
      <TextField
        label={t('tags')}
        hint={t('tagsHint')}
        value={value.tags}
        onChange={set('tags')}
        disabled={disabled}
        error={errors.field('tags') ?? (tagProblem && fieldProblemText(tagProblem, lang))}
      />
      <TextArea
        label={t('description')}
        value={value.description}
        onChange={set('description')}
        maxLength={1000}
        disabled={disabled}
        error={errors.field('description')}
      />
    </>
  );
}

/** The device token, once: a copy button and the warning that it will not be shown again. */
export function TokenOnceDialog({
  token,
  deviceName,
  onClose,
  intro,
}: {
  token: string | undefined;
  deviceName: string;
  onClose(): void;
  intro?: ReactNode;
}) {
  const t = useT(messages);
  return (
    <Dialog
      open={token !== undefined}
      title={t('tokenTitle')}
      onClose={onClose}
      footer={
        <Button variant="primary" onClick={onClose}>
          {t('done')}
        </Button>
      }
    >
      <div className="token-once">
        {intro}
        <Notice kind="warning">{t('tokenOnce')}</Notice>
        {token ? <CopyField label={t('tokenLabel', { name: deviceName })} value={token} /> : null}
      </div>
    </Dialog>
  );
}
