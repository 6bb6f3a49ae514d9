// Recovery codes, shown once: the service keeps only their hashes, so this is the one moment the
// person can copy, download or write them down. Leaving asks for a confirmation that they did.
import { useState } from 'react';
import { Button, Checkbox, Notice } from '../../components/ui.js';
import { defineMessages, useT } from '../../i18n/i18n.js';

const messages = defineMessages({
  en: {
    title: 'Your recovery codes',
    once: 'Save these codes now: they are shown only this once. Each code signs you in once if you lose your phone or passkey.',
    copy: 'Copy codes',
    copied: 'Copied',
    download: 'Download as text file',
    saved: 'I have saved these codes somewhere safe',
    done: 'Done',
    fileHeader: 'Gatehouse recovery codes for {email}, made {date}. Each code works once.',
  },
  de: {
    title: 'Ihre Wiederherstellungscodes',
    once: 'Speichern Sie diese Codes jetzt: Sie werden nur dieses eine Mal angezeigt. Jeder Code meldet Sie einmal an, falls Sie Ihr Telefon oder Ihren Passkey verlieren.',
    copy: 'Codes kopieren',
    copied: 'Kopiert',
    download: 'Als Textdatei herunterladen',
    saved: 'Ich habe diese Codes sicher aufbewahrt',
    done: 'Fertig',
    fileHeader: 'Gatehouse-Wiederherstellungscodes für {email}, erstellt am {date}. Jeder Code gilt einmal.',
  },
});

export function RecoveryCodesOnce({ codes, email, onDone }: { codes: string[]; email: string; onDone: () => void }) {
  const t = useT(messages);
  const [copied, setCopied] = useState(false);
  const [saved, setSaved] = useState(false);
  const text = `${t('fileHeader', { email, date: new Date().toISOString().slice(0, 10) })}\n\n${codes.join('\n')}\n`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // Clipboard denied (an http:// page, a browser setting): the codes stay on screen to copy by hand.
    }
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'gatehouse-recovery-codes.txt';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <div className="codes-once" data-testid="recovery-codes">
      <h3>{t('title')}</h3>
      <Notice kind="warning">{t('once')}</Notice>
      <ol className="recovery-codes" aria-label={t('title')}>
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ol>
      <div className="section-actions">
        <Button onClick={() => void copy()} aria-live="polite">
          {copied ? t('copied') : t('copy')}
        </Button>
        <Button onClick={download}>{t('download')}</Button>
      </div>
      <Checkbox label={t('saved')} checked={saved} onChange={(e) => setSaved(e.target.checked)} />
      <Button variant="primary" disabled={!saved} onClick={onDone}>
        {t('done')}
      </Button>
    </div>
  );
}
