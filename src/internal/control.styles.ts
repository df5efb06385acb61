import { css } from 'lit';

/** Buttons, button-like links, focus rings and visually hidden text shared by the elements. */
export const controlStyles = css`
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
`;
