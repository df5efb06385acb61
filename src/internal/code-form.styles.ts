import { css } from 'lit';
import { themeStyles } from './theme.styles.js';

/** Layout shared by the elements built on `CodeFormElement`. */
export const codeFormStyles = [
  themeStyles,
  css`
    :host {
      display: block;
    }
    p {
      margin: 0 0 0.75rem;
    }
    [part='message'] {
      color: var(--_danger);
    }
    [part='message']:empty,
    [part='countdown']:empty {
      display: none;
    }
    [part='warning'] {
      border-inline-start: 4px solid var(--_danger);
      padding-inline-start: 0.75rem;
    }
    [part='success']:empty {
      display: none;
    }
    [part='countdown'] {
      font-variant-numeric: tabular-nums;
    }
    [part='code-field'] {
      margin-block-end: 0.75rem;
    }
    button,
    a[part~='button'] {
      font: inherit;
      padding: 0.5rem 1rem;
      border-radius: var(--_radius);
      border: 1px solid var(--_accent);
      background: var(--_accent);
      color: var(--_surface);
      cursor: pointer;
      text-decoration: none;
      display: inline-block;
    }
    button.secondary,
    a[part~='button'] {
      background: transparent;
      color: var(--_accent);
    }
    button:disabled {
      opacity: 0.5;
      cursor: not-allowed;
    }
    button:focus-visible,
    a:focus-visible,
    summary:focus-visible {
      outline: 2px solid var(--_accent);
      outline-offset: 2px;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `,
];
