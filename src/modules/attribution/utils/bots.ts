/**
 * User agents that are not people: crawlers, link-preview fetchers (chat
 * apps and social networks unfurl links before anyone clicks), monitors and
 * HTTP libraries. Matched case-insensitively as substrings. This is the one
 * list to maintain; a click from any of them is stored as dropped (`bot`).
 */
export const BOT_USER_AGENT_TOKENS = [
  // generic
  "bot",
  "crawl",
  "spider",
  "slurp",
  "preview",
  "fetcher",
  "monitor",
  "headless",
  "lighthouse",
  // link previews and social networks
  "facebookexternalhit",
  "facebot",
  "twitterbot",
  "linkedinbot",
  "slackbot",
  "slack-imgproxy",
  "discordbot",
  "telegrambot",
  "whatsapp",
  "skypeuripreview",
  "pinterest",
  "redditbot",
  "embedly",
  "iframely",
  "bitlybot",
  "vkshare",
  "line-poker",
  "mattermost",
  "snapchat",
  "bytespider",
  "petalbot",
  "baiduspider",
  "sogou",
  "yisouspider",
  "360spider",
  "yandex",
  "applebot",
  "google-inspectiontool",
  "googleother",
  // HTTP libraries and command-line clients
  "curl/",
  "wget/",
  "python-requests",
  "python-urllib",
  "aiohttp",
  "go-http-client",
  "java/",
  "okhttp",
  "libwww",
  "httpclient",
  "axios/",
  "node-fetch",
  "undici",
  "postman",
  "insomnia",
]

/** True for an empty user agent or one of the tokens above. Pure. */
export function isBot(userAgent: string | undefined | null): boolean {
  const ua = (userAgent ?? "").trim().toLowerCase()
  if (!ua) {
    return true
  }
  return BOT_USER_AGENT_TOKENS.some((t) => ua.includes(t))
}
