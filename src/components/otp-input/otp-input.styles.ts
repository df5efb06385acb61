import { css } from '@lit/reactive-element';
import { themeStyles } from '../../internal/theme.styles.js';

export const otpInputStyles = [
  themeStyles,
  css`
    :host {
      display: inline-block;
      max-width: 100%;
      --_size: var(--otp-input-cell-size, 2.75rem);
      --_gap: var(--otp-input-gap, 0.5rem);
    }
    [part='cells'] {
      position: relative;
      display: flex;
      cursor: text;
      /* Room for a password manager's badge, so it never covers the last cell. */
      padding-inline-end: 2.5rem;
    }
    ::slotted(input) {
      position: absolute;
      inset: 0;
      width: 100%;
      margin: 0;
      padding: 0;
      border: 0;
      font-size: 16px;
      /* Drawn by the cells: the real input stays laid out for autofill and password
         managers, but paints nothing and takes no pointer. */
      clip-path: inset(50%);
    }
    .cells {
      display: flex;
      gap: var(--_gap);
      max-width: 100%;
    }
    [part~='cell'] {
      position: relative;
      display: grid;
      place-items: center;
      box-sizing: border-box;
      /* A width, not a flex basis, so the element's intrinsic width counts full cells. */
      flex: 0 1 auto;
      width: var(--_size);
      min-width: 1.25rem;
      aspect-ratio: 4 / 5;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      font:
        600 1.5rem / 1 ui-monospace,
        monospace;
      font-variant-numeric: tabular-nums;
      transition:
        border-color var(--_speed),
        box-shadow var(--_speed);
    }
    :host(:state(focused)) [part~='cell-active'] {
      border-color: var(--_accent);
      box-shadow: 0 0 0 2px var(--_accent);
    }
    :host(:state(invalid)) [part~='cell'] {
      border-color: var(--_danger);
    }
    :host(:disabled) [part='cells'] {
      opacity: 0.5;
      cursor: not-allowed;
    }
    [part='caret'] {
      width: 2px;
      height: 1.1em;
      background: var(--_accent);
      animation: blink 1s step-end infinite;
    }
    @keyframes blink {
      50% {
        opacity: 0;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      [part='caret'] {
        animation: none;
      }
    }
    [part='message'] {
      color: var(--_danger);
      font-size: 0.875rem;
      margin-top: 0.25rem;
    }
    [part='message']:empty {
      display: none;
    }
    @media (forced-colors: active) {
      :host(:state(focused)) [part~='cell-active'] {
        outline: 2px solid Highlight;
      }
    }
  `,
];
