// "All" or "only selected": the frame both access editors share (devices, and each resource type of
// the Smart Services). The radio pair is offered only where the editor may give "All" (or keep it
// for someone who has it); otherwise only a choice is possible and a note says why. While "only
// selected" holds, the picker below shows the list, its loading, its failure or that it is empty.
// The words are the caller's (devices and resources say them differently); the picker is its children.
import { useId, type ReactNode } from 'react';
import { ErrorAlert, Loading } from '../../components/ui.js';

export interface AllOrSelectedTexts {
  all: string;
  allHint: string;
  some: string;
  someHint: string;
  /** Why "All" is not offered. */
  onlyYours: string;
  /** The list is loaded and has nothing to pick. */
  none: string;
}

export function AllOrSelected({
  legend,
  texts,
  all,
  offerAll,
  onChange,
  items,
  error,
  disabled,
  fieldError,
  type,
  children,
}: {
  legend: string;
  texts: AllOrSelectedTexts;
  /** Whether "All" is chosen now. */
  all: boolean;
  /** Whether "All" may be chosen; without it only selected items can be given. */
  offerAll: boolean;
  /** "All" chosen (`true`) or "Only selected" (`false`). */
  onChange: (all: boolean) => void;
  /** What can be picked: `undefined` while it loads. */
  items: readonly unknown[] | undefined;
  /** Loading the items failed. */
  error?: unknown;
  disabled?: boolean | undefined;
  /** The API refused the access chosen here (shown next to it). */
  fieldError?: string | undefined;
  /** The resource type, for tests and styles (`data-type`). */
  type?: string | undefined;
  /** The picker, shown once the items are there. */
  children: ReactNode;
}) {
  const name = useId();
  const errorId = `${name}-error`;
  const radio = (which: 'all' | 'some') => (
    <div className="radio">
      <input
        type="radio"
        id={`${name}-${which}`}
        name={name}
        checked={all === (which === 'all')}
        onChange={() => onChange(which === 'all')}
      />
      <label htmlFor={`${name}-${which}`}>
        <strong>{texts[which]}</strong> <span className="muted">{which === 'all' ? texts.allHint : texts.someHint}</span>
      </label>
    </div>
  );
  return (
    <fieldset
      className="device-access"
      disabled={disabled}
      aria-invalid={fieldError ? true : undefined}
      aria-describedby={fieldError ? errorId : undefined}
      tabIndex={fieldError ? -1 : undefined}
      data-type={type}
    >
      <legend>{legend}</legend>
      {fieldError ? (
        <div className="field-error" id={errorId} role="alert">
          {fieldError}
        </div>
      ) : null}
      {offerAll || all ? (
        <>
          {radio('all')}
          {radio('some')}
        </>
      ) : (
        <p className="muted">
          {texts.someHint} {texts.onlyYours}
        </p>
      )}
      {!all ? (
        <div className="device-pick">
          <ErrorAlert error={error} />
          {items === undefined ? error ? null : <Loading /> : items.length === 0 ? <p className="muted">{texts.none}</p> : children}
        </div>
      ) : null}
    </fieldset>
  );
}
