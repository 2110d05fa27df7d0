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
  // Metadata (a note's title, description and Open Graph tags) is rendered
  // into <head> before the page is sent, for every client. Next 15 streams
  // it for browsers instead: in a hidden Suspense boundary that resolves
  // after the shell when generateMetadata is slower than the page (a cold
  // server, a busy one). That streamed boundary raced hydration: in 80
  // loads of a note page whose metadata resolved late, 5 threw React #418
  // (the server HTML did not match) and React re-rendered the whole page
  // in the browser; with blocking metadata, 0 of 80. It costs nothing here:
  // generateMetadata reads the same cached note the page waits for. And
  // every link preview (messaging apps' crawlers included, which Next's bot
  // list does not know) finds the tags in <head>.
  htmlLimitedBots: /.*/,
}

export default config
