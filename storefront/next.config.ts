import type { NextConfig } from "next"

const config: NextConfig = {
  // The plugin's client lives outside this folder (`../src/client`); Next
  // compiles it like the storefront's own files.
  experimental: { externalDir: true },
  poweredByHeader: false,
}

export default config
