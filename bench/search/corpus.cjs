// Deterministic synthetic corpus for the search benchmark: notes in English
// and Chinese (some mixed), bodies of a few hundred characters, word
// frequencies following a Zipf-like law so that some words are common and
// others rare, like real posts.

function rng(seed) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const EN_COMMON = (
  "the a and to of in my for is it this with on that you but so was be are " +
  "skin cream day night light soft wear look feel really love best new good " +
  "texture colour fit size wash summer winter morning routine serum tee"
).split(" ")

const EN_TOPIC = (
  "moisturiser sunscreen cleanser toner mask lipstick blush foundation " +
  "hoodie sweatshirt jacket trousers shorts sneakers boots beanie scarf tote " +
  "cotton linen wool denim leather canvas hydrating glowing matte dewy fresh " +
  "oversized cropped relaxed vintage minimal classic everyday travel office " +
  "weekend brunch commute gym yoga hiking beach city autumn spring layering " +
  "budget premium gift review haul unboxing favourite essential staple"
).split(" ")

// Synthetic rare words: each appears in roughly 10 to 40 notes of 100,000.
const EN_RARE = Array.from({ length: 400 }, (_, i) => `zephyr${i.toString(36)}`)

const ZH_COMMON = (
  "这款 真的 很好 好用 推荐 质地 清爽 保湿 效果 一流 喜欢 颜色 温柔 " +
  "日常 通勤 穿搭 百搭 舒服 显瘦 宽松 复古 基础 面料 柔软 上身 好看 " +
  "夏天 冬天 秋冬 早晚 护肤 防晒 精华 面霜 唇油 卫衣 短裤 帆布 毛线 " +
  "性价比 回购 测评 分享 干皮 油皮 敏感 肌肤 水润 不粘 不油 学生 党"
).split(" ")

const ZH_PHRASE = ["保湿效果", "性价比高", "干皮救星", "通勤穿搭", "无限回购"]

function zipfPick(words, r) {
  // P(i) ~ 1 / (i + 1): early words are common.
  const u = r()
  const n = words.length
  const h = Math.log(n + 1)
  const i = Math.min(n - 1, Math.floor(Math.exp(u * h) - 1))
  return words[i]
}

function englishBody(r, length) {
  const words = []
  let len = 0
  while (len < length) {
    let w
    const u = r()
    if (u < 0.55) {
      w = zipfPick(EN_COMMON, r)
    } else if (u < 0.9995) {
      w = zipfPick(EN_TOPIC, r)
    } else {
      w = EN_RARE[Math.floor(r() * EN_RARE.length)]
    }
    words.push(w)
    len += w.length + 1
    if (r() < 0.08) {
      words[words.length - 1] += "."
    }
  }
  return words.join(" ")
}

function chineseBody(r, length) {
  let out = ""
  while (out.length < length) {
    const u = r()
    if (u < 0.01) {
      out += ZH_PHRASE[Math.floor(r() * ZH_PHRASE.length)]
    } else {
      out += zipfPick(ZH_COMMON, r)
    }
    if (r() < 0.1) {
      out += "，"
    }
  }
  return out + "。"
}

function makeNote(i, r) {
  const kind = r()
  const zh = kind < 0.4
  const mixed = kind > 0.9
  const bodyLen = 200 + Math.floor(r() * 300)
  const title = zh
    ? chineseBody(r, 8 + Math.floor(r() * 10)).slice(0, 18)
    : englishBody(r, 20 + Math.floor(r() * 30)).slice(0, 60)
  let body = zh ? chineseBody(r, bodyLen / 2) : englishBody(r, bodyLen)
  if (mixed) {
    body += " " + chineseBody(r, 60)
  }
  const tags = Array.from({ length: 1 + Math.floor(r() * 3) }, () =>
    zh ? zipfPick(ZH_COMMON, r) : zipfPick(EN_TOPIC, r)
  )
  return {
    id: `note_bench${String(i).padStart(7, "0")}`,
    title,
    body,
    tags: [...new Set(tags)],
    locale: zh ? "zh-CN" : "en",
  }
}

/** Queries per kind, rotated during each run. */
const QUERIES = {
  "English, common word": ["skin", "cream", "night", "texture", "love"],
  "English, rare word": EN_RARE.slice(0, 5),
  "Chinese, 2 characters": ["面霜", "保湿", "穿搭", "卫衣", "防晒"],
  "Chinese, 4 characters": [
    "保湿效果",
    "性价比高",
    "干皮救星",
    "通勤穿搭",
    "无限回购",
  ],
}

module.exports = { rng, makeNote, QUERIES, EN_RARE }
