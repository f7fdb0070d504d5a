import type { Config } from 'tailwindcss';
import defaultTheme from 'tailwindcss/defaultTheme';

/**
 * The design tokens. Every text colour below is checked against white (and the `50` tints it sits
 * on) for WCAG AA body text, 4.5:1 or more: brand-700 9.1:1, brand-800 11.6:1, accent-700 7.6:1,
 * gray-700 10.3:1. Lighter steps (100–500) are for borders, dots and backgrounds only.
 */
export default {
  content: ['./app/**/*.{ts,tsx}'],
  theme: {
    extend: {
      colors: {
        brand: {
          50: '#eef6f3',
          100: '#d5ebe3',
          200: '#acd6c6',
          300: '#7bbba3',
          400: '#4c9c80',
          500: '#2c8165',
          600: '#1d6b52',
          700: '#155640',
          800: '#0f4231',
          900: '#0a2f23',
        },
        // The page behind the cards: a white cards stand out on it, every text colour keeps its contrast.
        canvas: '#f6f8f7',
        accent: { 50: '#fdf4ee', 100: '#fbe5d6', 600: '#a3431d', 700: '#86361a' },
      },
      fontFamily: {
        // Self-hosted (app/tailwind.css); the system faces stand in while it loads.
        sans: ['Inter', ...defaultTheme.fontFamily.sans],
      },
      boxShadow: {
        card: '0 1px 2px rgb(15 66 49 / 0.06), 0 1px 3px rgb(15 66 49 / 0.08)',
      },
    },
  },
  plugins: [],
} satisfies Config;
