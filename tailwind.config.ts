import type { Config } from 'tailwindcss';

/** Loaded from app/globals.css with `@config`; Tailwind 4 finds the sources itself. */
const config: Config = {
  content: ['./app/**/*.{ts,tsx}', './components/**/*.{ts,tsx}'],
  theme: {
    extend: {
      fontFamily: {
        // System fonts: next/font/google cannot fetch fonts on offline build machines.
        sans: [
          'ui-sans-serif',
          'system-ui',
          '-apple-system',
          'Segoe UI',
          'Roboto',
          'Helvetica Neue',
          'Arial',
          'sans-serif',
        ],
      },
    },
  },
};

export default config;
