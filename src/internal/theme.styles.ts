import { css } from '@lit/reactive-element';

/**
 * Shared design tokens. Pages theme every element through `--totp-color-accent`,
 * `--totp-color-danger`, `--totp-radius` and `--totp-font`; `--_*` names are private.
 */
export const themeStyles = css`
  :host {
    --_accent: var(--totp-color-accent, #1d4ed8);
    --_danger: var(--totp-color-danger, #b91c1c);
    --_text: var(--totp-color-text, #111827);
    --_muted: var(--totp-color-muted, #4b5563);
    --_surface: var(--totp-color-surface, #fff);
    --_border: var(--totp-color-border, #6b7280);
    --_radius: var(--totp-radius, 6px);
    --_speed: 0.15s;
    color-scheme: light dark;
    font-family: var(--totp-font, inherit);
    color: var(--_text);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--totp-color-accent, #93c5fd);
      --_danger: var(--totp-color-danger, #fca5a5);
      --_text: var(--totp-color-text, #f3f4f6);
      --_muted: var(--totp-color-muted, #d1d5db);
      --_surface: var(--totp-color-surface, #111827);
      --_border: var(--totp-color-border, #9ca3af);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    :host {
      --_speed: 0s;
    }
  }
  [hidden] {
    display: none !important;
  }
`;
