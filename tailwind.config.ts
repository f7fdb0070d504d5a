import type { Config } from 'tailwindcss';

export default {
  content: ['./app/**/*.{ts,tsx}'],
  theme: {
    extend: {
      colors: {
        // Contrast checked against white for WCAG AA body text (>= 4.5:1).
        brand: { 50: '#eef6f3', 100: '#d5ebe3', 600: '#1d6b52', 700: '#155640', 800: '#0f4231' },
        accent: { 600: '#a3431d', 700: '#86361a' },
      },
    },
  },
  plugins: [],
} satisfies Config;
