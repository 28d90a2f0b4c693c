// Next.js configuration: native/server-only packages stay outside the bundle, and every response
// carries baseline security headers (the console shows card data, so it must never be framed). Pages'
// Content-Security-Policy is per request (a nonce), so proxy.ts sets it; API routes get a fixed one here.

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
      {
        // JSON and CSV answers are never documents to render: forbid everything. Pages get their
        // nonce-based policy from proxy.ts instead (two policies on one response would both apply).
        source: '/api/:path*',
        headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
};

export default nextConfig;
