import { css } from 'lit';
import { controlStyles } from './control.styles.js';
import { themeStyles } from './theme.styles.js';

/** Layout shared by the elements built on `CodeFormElement`. */
export const codeFormStyles = [
  themeStyles,
  controlStyles,
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
  `,
];
