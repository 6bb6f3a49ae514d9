// The few building blocks every page uses, so that every page behaves the same: labelled fields,
// buttons that show progress and cannot be pressed twice, errors in words, confirmation before
// anything destructive, and a copy button for links and tokens.
import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type ButtonHTMLAttributes,
  type FormHTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { ApiError } from '../api/client.js';
import { defineMessages, useLang, useT } from '../i18n/i18n.js';
import { errorText, fieldProblemText } from '../i18n/errors.js';

const messages = defineMessages({
  en: {
    working: 'Working…',
    copy: 'Copy',
    copied: 'Copied',
    cancel: 'Cancel',
    close: 'Close',
    loading: 'Loading…',
    more: 'Load more',
    retryIn: 'You can try again in {s} s.',
  },
  de: {
    working: 'Bitte warten…',
    copy: 'Kopieren',
    copied: 'Kopiert',
    cancel: 'Abbrechen',
    close: 'Schließen',
    loading: 'Wird geladen…',
    more: 'Mehr laden',
    retryIn: 'Sie können es in {s} s erneut versuchen.',
  },
});

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'danger' | 'ghost'; busy?: boolean };

export function Button({ variant = 'secondary', busy = false, disabled, children, className, type = 'button', ...rest }: ButtonProps) {
  const t = useT(messages);
  return (
    <button
      type={type}
      className={`btn btn-${variant}${className ? ` ${className}` : ''}`}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy ? <Spinner label={t('working')} /> : null}
      {children}
    </button>
  );
}

function Spinner({ label }: { label?: string }) {
  // biome-ignore lint/a11y/useAriaPropsSupportedByRole: aria-label is set only together with role="status".
  return <span className="spinner" role={label ? 'status' : undefined} aria-label={label} />;
}

export function Loading() {
  const t = useT(messages);
  return (
    <p className="loading">
      <Spinner /> {t('loading')}
    </p>
  );
}

interface FieldShell {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
}

function Shell({ id, label, hint, error, children }: FieldShell & { id: string; children: ReactNode }) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <div className="field-error" id={`${id}-error`} role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

const describedBy = (id: string, f: FieldShell) =>
  [f.hint ? `${id}-hint` : '', f.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function TextField({ label, hint, error, ...input }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <Shell id={id} label={label} hint={hint} error={error}>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, { label, hint, error })} {...input} />
    </Shell>
  );
}

export function TextArea({ label, hint, error, ...input }: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <Shell id={id} label={label} hint={hint} error={error}>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, { label, hint, error })} {...input} />
    </Shell>
  );
}

export function SelectField({ label, hint, error, children, ...select }: FieldShell & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <Shell id={id} label={label} hint={hint} error={error}>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, { label, hint, error })} {...select}>
        {children}
      </select>
    </Shell>
  );
}

/**
 * "Load more" under a paged list (usePagedList) while the service has a next page; `inline`
 * leaves out its own row, for a list footer that has one.
 */
export function LoadMore({
  list,
  inline = false,
}: {
  list: { next: string | null; loadMore: () => Promise<void>; loadingMore: boolean };
  inline?: boolean;
}) {
  const t = useT(messages);
  if (!list.next) return null;
  const button = (
    <Button busy={list.loadingMore} onClick={() => void list.loadMore()}>
      {t('more')}
    </Button>
  );
  return inline ? button : <div className="load-more">{button}</div>;
}

export function Checkbox({ label, ...input }: { label: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="checkbox">
      <input id={id} type="checkbox" {...input} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/**
 * An error from the API, in the user's language. Renders nothing without an error. It can take
 * focus (tabIndex -1): a form whose error belongs to no field moves focus here, so the message is
 * where the eye is even at the bottom of a long page.
 */
export function ErrorAlert({ error }: { error: unknown }) {
  const { lang } = useLang();
  const t = useT(messages);
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : undefined;
  const text = apiError ? errorText(apiError.code, lang, apiError.title) : errorText('internal', lang);
  return (
    <div className="alert alert-error" role="alert" data-code={apiError?.code} tabIndex={-1}>
      {text}
      {apiError?.retryAfterSeconds ? ` ${t('retryIn', { s: apiError.retryAfterSeconds })}` : null}
    </div>
  );
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'success' | 'warning'; children: ReactNode }) {
  return (
    <div className={`alert alert-${kind}`} role="status">
      {children}
    </div>
  );
}

/**
 * Runs an API call for a form or button: `busy` while it runs (the button shows progress and cannot
 * be pressed twice), `error` when it fails. The form's own state is untouched, so nothing typed is lost.
 */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const running = useRef(false);
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      if (running.current) return undefined;
      running.current = true;
      setBusy(true);
      setError(undefined);
      try {
        return await action(...args);
      } catch (err) {
        setError(err);
        return undefined;
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [action],
  );
  return { run, busy, error, setError };
}

/**
 * Where a failed request's error belongs. `field(name)` is the message for one field, in the
 * user's language: its entry in a 400's `errors[]`, or the whole error when its code is bound to
 * that field (`{ name: ['role.name_taken'] }`: a taken role name is a problem of the name field).
 * `general` is what is left for the form's alert: nothing when a field shows it already.
 */
export function useFieldErrors(error: unknown, codes: Record<string, readonly string[]> = {}) {
  const { lang } = useLang();
  const apiError = error instanceof ApiError ? error : undefined;
  const boundTo = apiError ? Object.keys(codes).find((f) => codes[f]!.includes(apiError.code)) : undefined;
  return {
    field(name: string): string | undefined {
      if (!apiError) return undefined;
      if (boundTo === name) return errorText(apiError.code, lang, apiError.title);
      const problem = apiError.forField(name);
      return problem ? fieldProblemText(problem, lang) : undefined;
    },
    general: boundTo ? undefined : error,
  };
}

/**
 * A form that, when its request fails, moves focus to the first field marked invalid (or else to
 * the error alert), scrolled into view: the error is shown next to the field that caused it and
 * the eye is taken there, not left at a button 4,000 px below.
 */
export function Form({
  submit,
  error = submit?.error,
  children,
  ...form
}: FormHTMLAttributes<HTMLFormElement> &
  (
    | { error: unknown; submit?: undefined }
    | {
        /** A useAction() that submitting runs (the page stays: no browser submit), and whose error this form shows. */
        submit: { run: () => unknown; error: unknown };
        error?: undefined;
      }
  )) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!error || !ref.current) return;
    const target =
      ref.current.querySelector<HTMLElement>('[aria-invalid="true"]') ?? ref.current.querySelector<HTMLElement>('.alert-error');
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  }, [error]);
  const onSubmit: FormHTMLAttributes<HTMLFormElement>['onSubmit'] = submit
    ? (e) => {
        e.preventDefault();
        void submit.run();
      }
    : form.onSubmit;
  return (
    <form ref={ref} {...form} onSubmit={onSubmit}>
      {children}
    </form>
  );
}

/** A modal dialog on the native <dialog>: focus is kept inside, Escape closes it. */
export function Dialog({
  open,
  title,
  onClose,
  children,
  footer,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const isOpen = useRef(open);
  isOpen.current = open;
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  // The native `close` event also fires when the page closes the dialog itself (open → false, e.g.
  // one dialog handing over to the next): only a close the page did not ask for is the user's.
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onClose={() => {
        if (isOpen.current) onClose();
      }}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open ? (
        <>
          <h2 id={titleId}>{title}</h2>
          <div className="dialog-body">{children}</div>
          {footer ? <div className="dialog-footer">{footer}</div> : null}
        </>
      ) : null}
    </dialog>
  );
}

/** Asks before a destructive action; shows the action's progress and error inside the dialog. */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}) {
  const t = useT(messages);
  const action = useAction(async () => {
    await onConfirm();
    onClose();
  });
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button variant="danger" busy={action.busy} onClick={() => void action.run()}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {body}
      <ErrorAlert error={action.error} />
    </Dialog>
  );
}

/** Copies a link or token; falls back to selecting the text where the clipboard API is denied. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const t = useT(messages);
  const [copied, setCopied] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      input.current?.select();
      document.execCommand('copy');
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <div className="field copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input id={id} ref={input} readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
        <Button onClick={() => void copy()} aria-live="polite">
          {copied ? t('copied') : t('copy')}
        </Button>
      </div>
    </div>
  );
}

export function PageHeader({ title, actions, children }: { title: string; actions?: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {children}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  );
}

/** Shown instead of a page the member's role does not allow, saying why and who can help. */
export function NotAllowed({ children }: { children: ReactNode }) {
  return <div className="alert alert-warning not-allowed">{children}</div>;
}
