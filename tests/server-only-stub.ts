// Stand-in for the `server-only` marker package when modules are imported by vitest outside Next.
export {};
