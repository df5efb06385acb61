import { css } from 'lit';
import { codeFormStyles } from '../../internal/code-form.styles.js';

export const totpEnrollStyles = [
  ...codeFormStyles,
  css`
    [part='qr-code'] {
      display: block;
      width: var(--totp-enroll-qr-size, 12rem);
      height: var(--totp-enroll-qr-size, 12rem);
      margin-block-end: 0.75rem;
    }
    [part='secret'] {
      font-family: ui-monospace, Menlo, Consolas, monospace;
      font-size: 1.1em;
      -webkit-user-select: all;
      user-select: all;
    }
    [part='compat-warning'],
    [part='expiry-warning'] {
      border-inline-start: 4px solid var(--_danger);
      padding-inline-start: 0.75rem;
    }
    a {
      color: var(--_accent);
    }
    dialog {
      max-width: min(34rem, calc(100vw - 2rem));
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: inherit;
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 0.5);
    }
  `,
];
