// Next.js configuration: native/server-only packages stay outside the bundle, and every response
// carries baseline security headers (the console shows card data, so it must never be framed).

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native addons and packages that load files at runtime must be required from node_modules, not bundled.
  serverExternalPackages: [
    'onnxruntime-node',
    '@duckdb/node-api',
    '@duckdb/node-bindings',
    'dynalite',
    'classic-level',
  ],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          {
            key: 'Permissions-Policy',
            value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
          },
        ],
      },
    ];
  },
};

export default nextConfig;
