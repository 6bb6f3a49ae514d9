// The frame of every public page (sign-in, sign-up and the pages behind mailed links): the brand,
// the language switch, one card in the middle of the screen.
import type { ReactNode } from 'react';
import { LanguageSwitch } from './header.js';

export function PublicCard({ title, children, footer }: { title: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="public-page">
      <div className="public-top">
        <span className="brand brand-public" aria-hidden="true">
          <span className="brand-mark">G</span> Gatehouse
        </span>
        <LanguageSwitch />
      </div>
      <section className="card public-card" aria-labelledby="public-title">
        <h1 id="public-title">{title}</h1>
        {children}
      </section>
      {footer ? <div className="public-footer">{footer}</div> : null}
    </div>
  );
}
