// PostCSS pipeline for Tailwind CSS 3: Tailwind generates the utilities, autoprefixer adds vendor prefixes.

/** @type {import('postcss-load-config').Config} */
const config = {
  plugins: {
    tailwindcss: {},
    autoprefixer: {},
  },
};

export default config;
