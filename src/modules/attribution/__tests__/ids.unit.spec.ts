import { isBot } from "../utils/bots"
import { mintClickId, mintVisitorId } from "../utils/ids"

describe("click ids", () => {
  it("look like Medusa ids, sort by time and do not repeat", () => {
    const ids = Array.from({ length: 20_000 }, (_, i) =>
      mintClickId(1_700_000_000_000 + i)
    )
    for (const id of ids.slice(0, 100)) {
      expect(id).toMatch(/^click_[0-9A-HJKMNP-TV-Z]{26}$/)
    }
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual(ids)
  })

  it("encode the time like a ULID", () => {
    expect(mintClickId(0).slice(6, 16)).toBe("0000000000")
    expect(mintClickId(32).slice(6, 16)).toBe("0000000010")
  })

  it("mints visitor ids of 128 bits", () => {
    const v = mintVisitorId()
    expect(v).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(mintVisitorId()).not.toBe(v)
  })
})

describe("isBot", () => {
  it.each([
    ["", true],
    [
      "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
      true,
    ],
    [
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      true,
    ],
    ["Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", true],
    ["WhatsApp/2.23.20.0", true],
    ["curl/8.5.0", true],
    ["python-requests/2.31", true],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      false,
    ],
    [
      "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36 XiaoHongShu",
      false,
    ],
  ])("%s → %s", (ua, bot) => {
    expect(isBot(ua)).toBe(bot)
  })
})
