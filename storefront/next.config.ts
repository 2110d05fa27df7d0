import type { NextConfig } from "next"

const config: NextConfig = {
  // The plugin's client lives outside this folder (`../src/client`); Next
  // compiles it like the storefront's own files (externalDir).
  experimental: {
    externalDir: true,
    // Each part has its own root layout: app/global-not-found.tsx answers
    // addresses that none of them matches.
    globalNotFound: true,
  },
  poweredByHeader: false,
}

export default config
