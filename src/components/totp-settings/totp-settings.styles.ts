import { css } from 'lit';
import { controlStyles } from '../../internal/control.styles.js';
import { themeStyles } from '../../internal/theme.styles.js';

export const totpSettingsStyles = [
  themeStyles,
  controlStyles,
  css`
    :host {
      display: block;
    }
    [part='heading'] {
      margin: 0 0 0.5rem;
      font-size: 1.25rem;
    }
    p {
      margin: 0 0 0.75rem;
    }
    p:empty {
      display: none;
    }
    [part='description'] {
      color: var(--_muted);
    }
    [part='message'] {
      color: var(--_danger);
    }
    [aria-disabled='true'] {
      opacity: 0.5;
      cursor: progress;
    }
    [part='close'] {
      display: block;
      margin-inline-start: auto;
      margin-block-end: 0.75rem;
      background: transparent;
      color: var(--_accent);
    }
    [part='dialog'] {
      width: min(32rem, calc(100vw - 2rem));
      padding: 1rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
    }
    [part='dialog']::backdrop {
      background: rgb(0 0 0 / 0.5);
    }
  `,
];
