import {
  createBuyer,
  registerCustomer,
  shot,
  startAdmin,
  storeApi,
  uniq,
  type Admin,
} from "./harness"
import {
  createShop,
  shopperPage,
  startStorefront,
  storefrontUrl,
  type Shop,
  type Storefront,
  logIn,
} from "./storefront-harness"

jest.setTimeout(900_000)

/*
 * Likes, saves and comments on the reference storefront's note page
 * (issue 15): a reader logs in from the Like button, likes and saves the
 * note (the counts move, the note shows under Saved notes), comments,
 * replies and deletes their comment; without JavaScript the same forms
 * work and the API's errors (a too-long comment, the rate limit's 429)
 * show beside the form; a logged-out reader sees the comments and a link
 * to log in instead of the form.
 */
describe("storefront: likes, saves and comments on a note", () => {
  let admin: Admin
  let storefront: Storefront | undefined
  let shop: Shop
  let note: { id: string }
  let ana: { id: string; handle: string }
  const mark = uniq()
  const title = `Cream diary ${mark}`
  const email = `mei${mark}@browser.test`

  /** The note's counts as the store API answers them (anonymous read). */
  const counts = async () =>
    (
      await storeApi<{
        note: {
          likes_count: number
          saves_count: number
          comments_count: number
        }
      }>(admin, "GET", `/store/notes/${note.id}`, undefined, {
        "x-publishable-api-key": shop.key,
      })
    ).note

  beforeAll(async () => {
    await storefrontUrl()
    admin = await startAdmin()
    shop = await createShop(admin, `Community cream ${mark}`, {
      countries: [],
    })
    ana = await createBuyer(admin, "Ana")
    await registerCustomer(admin, email, { first_name: "Mei" })
    note = (
      await admin.api<{ note: { id: string } }>("POST", "/admin/notes", {
        title,
        body: "Two weeks with the cream.",
        status: "published",
        buyer_id: ana.id,
        products: [{ product_id: shop.product.id }],
      })
    ).note
    storefront = await startStorefront(admin, {
      publishableKey: shop.key,
      regionId: shop.regionId,
    })
  })
  afterAll(async () => {
    await storefront?.stop()
    await admin?.stop()
  })

  it("logs in from Like, likes and saves, finds it under Saved, comments, replies and deletes", async () => {
    const { page, context, problems } = await shopperPage(admin, {
      viewport: { width: 360, height: 780 },
    })
    const notePath = `/notes/${note.id}`
    await page.goto(`${storefront!.url}${notePath}`)
    const like = page.getByTestId("like-button")
    const save = page.getByTestId("save-button")
    expect(await like.getAttribute("aria-pressed")).toBe("false")
    await page.getByText("Log in to like and save").waitFor()
    await page.getByRole("link", { name: "Log in to comment" }).waitFor()

    // Like while logged out: the login page, which comes back to the note.
    await like.click()
    await page.waitForURL(/\/account\/login\?next=/)
    await logIn(page, email)
    await page.waitForURL(new RegExp(`${notePath}$`))
    expect(await like.getAttribute("aria-pressed")).toBe("false")

    await like.click()
    await page
      .locator(
        '[data-testid="like-button"][aria-pressed="true"]:not([aria-busy])'
      )
      .waitFor()
    await page.getByTestId("like-count").filter({ hasText: /^1$/ }).waitFor()
    await save.click()
    await page
      .locator(
        '[data-testid="save-button"][aria-pressed="true"]:not([aria-busy])'
      )
      .waitFor()
    await page.getByTestId("save-count").filter({ hasText: /^1$/ }).waitFor()
    // The counts are the API's, after a reload too.
    await page.reload()
    expect(await like.getAttribute("aria-pressed")).toBe("true")
    expect(await save.getAttribute("aria-pressed")).toBe("true")
    expect(await counts()).toMatchObject({ likes_count: 1, saves_count: 1 })

    // Saved notes in the account: the note's card.
    await page.goto(`${storefront!.url}/account/saved`)
    await page.getByRole("heading", { level: 1, name: "Saved notes" }).waitFor()
    await page.getByRole("link", { name: title }).click()
    await page.waitForURL(new RegExp(`${notePath}$`))

    // A comment, then a reply to it.
    const comments = page.getByRole("region", { name: /^Comments/ })
    await comments.getByText("No comments yet. Be the first.").waitFor()
    await comments.getByText("0 / 1,000 characters").waitFor()
    const first = `Does it suit dry skin? <b>asking</b> ${mark}`
    await comments.getByLabel("Add a comment").fill(first)
    await comments
      .getByText(`${[...first].length} / 1,000 characters`)
      .waitFor()
    await comments.getByRole("button", { name: "Post" }).click()
    const mine = comments.getByRole("article", { name: "Comment by Mei" })
    // Plain text: the tag shows as typed.
    await mine.first().getByText(first).waitFor()
    await page
      .getByTestId("comments-count")
      .filter({ hasText: /^1$/ })
      .waitFor()
    await comments.locator("summary", { hasText: "Reply" }).click()
    await comments.getByLabel("Reply to Mei").fill(`It does, ${mark}.`)
    await comments.getByRole("button", { name: "Reply", exact: true }).click()
    const replies = comments.getByRole("list", { name: "Replies to Mei" })
    await replies.getByText(`It does, ${mark}.`).waitFor()
    // The reply's disclosure closes again once the reply is posted.
    await comments.getByLabel("Reply to Mei").waitFor({ state: "hidden" })
    await page
      .getByTestId("comments-count")
      .filter({ hasText: /^2$/ })
      .waitFor()
    expect((await counts()).comments_count).toBe(2)
    await comments.getByText("just now").first().waitFor()
    await shot(page, "storefront-community-360")
    await page.setViewportSize({ width: 1280, height: 900 })
    await shot(page, "storefront-community-1280")

    // Delete the top-level comment: its reply keeps its place under a
    // placeholder.
    await comments
      .getByRole("button", { name: "Delete comment by Mei" })
      .first()
      .click()
    await comments.getByText("This comment was removed.").waitFor()
    await page
      .getByTestId("comments-count")
      .filter({ hasText: /^1$/ })
      .waitFor()
    await comments
      .getByRole("list", { name: "Replies", exact: true })
      .getByText(`It does, ${mark}.`)
      .waitFor()
    expect((await counts()).comments_count).toBe(1)
    expect(problems).toEqual([])
    await context.close()
  })

  it("works without JavaScript: unlike, a too-long comment, the rate limit", async () => {
    const context = await admin.browser.newContext({
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: false,
    })
    const page = await context.newPage()
    const notePath = `/notes/${note.id}`
    await page.goto(
      `${storefront!.url}/account/login?next=${encodeURIComponent(notePath)}`
    )
    await logIn(page, email, { js: false })
    await page.waitForURL(new RegExp(`${notePath}$`))
    await page.getByTestId("like-button").click()
    await page
      .locator(
        '[data-testid="like-button"][aria-pressed="false"]:not([aria-busy])'
      )
      .waitFor()
    expect((await counts()).likes_count).toBe(0)

    const comments = page.getByRole("region", { name: /^Comments/ })
    const field = comments.getByLabel("Add a comment")
    // 1,001 characters: the API's 400 names the field; the text is kept.
    const long = "a".repeat(1001)
    await field.fill(long)
    await comments.getByRole("button", { name: "Post" }).click()
    await comments.getByRole("alert").filter({ hasText: /body/ }).waitFor()
    expect(await field.inputValue()).toBe(long)

    // The rate limit (5 comments a minute, over all notes; 2 written
    // above): comment until the form says to wait.
    let posted = 0
    let limited = false
    for (let i = 0; i < 6; i++) {
      await field.fill(`Comment ${i} ${mark}`)
      await comments.getByRole("button", { name: "Post" }).click()
      const outcome = await Promise.race([
        comments
          .getByText(/You are commenting too fast: try again in \d+ s\./)
          .waitFor()
          .then(() => "limited" as const),
        comments
          .getByText(`Comment ${i} ${mark}`, { exact: true })
          .waitFor()
          .then(() => "posted" as const),
      ])
      if (outcome === "limited") {
        limited = true
        break
      }
      posted++
    }
    expect(limited).toBe(true)
    expect(posted).toBeLessThan(5)
    // Nothing was written and the text is kept for later.
    expect(await field.inputValue()).toBe(`Comment ${posted} ${mark}`)
    expect(
      await comments
        .getByRole("article")
        .getByText(`Comment ${posted} ${mark}`, { exact: true })
        .count()
    ).toBe(0)
    await context.close()
  })

  it("in Chinese: pages a long thread's replies without JavaScript, the note's author deletes a reader's comment, and the rate limit's wait", async () => {
    const key = { "x-publishable-api-key": shop.key }
    const zhNote = (
      await admin.api<{ note: { id: string } }>("POST", "/admin/notes", {
        title: `面霜日记 ${mark}`,
        body: "用了两周。",
        status: "published",
        locale: "zh-CN",
        buyer_id: ana.id,
      })
    ).note
    const notePath = `/notes/${zhNote.id}`
    const post = (token: string, body: string, parentId?: string) =>
      storeApi<{ comment: { id: string } }>(
        admin,
        "POST",
        `/store/notes/${zhNote.id}/comments`,
        { body, ...(parentId ? { parent_id: parentId } : {}) },
        { ...key, authorization: `Bearer ${token}` }
      )
    // A reader's comment with five replies by two others (each stays
    // within the rate limit of 5 a minute).
    const lin = await registerCustomer(admin, `lin${mark}@browser.test`, {
      first_name: "Lin",
    })
    const [r1, r2] = await Promise.all(
      ["r1", "r2"].map((n) =>
        registerCustomer(admin, `${n}${mark}@browser.test`)
      )
    )
    const top = (await post(lin, `适合干皮吗 ${mark}`)).comment.id
    const replyTexts: string[] = []
    for (const [i, token] of [r1, r2, r1, r2, r1].entries()) {
      replyTexts.push(`回复 ${i + 1} ${mark}`)
      await post(token, replyTexts[i], top)
    }

    // Without JavaScript, logged out: the first three replies and a link to
    // all five.
    const nojs = await admin.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 360, height: 780 },
    })
    const plain = await nojs.newPage()
    await plain.goto(`${storefront!.url}${notePath}`)
    const region = plain.getByRole("region", { name: /^评论/ })
    await region.getByRole("link", { name: "登录后发表评论" }).waitFor()
    const thread = region.getByRole("list", { name: "回复 Lin" })
    const shownReplies = () =>
      thread
        .getByRole("article")
        .locator("p")
        .evaluateAll((ps) => ps.map((p) => p.textContent ?? ""))
    expect(await shownReplies()).toEqual(replyTexts.slice(0, 3))
    const all = region.getByRole("link", { name: "查看全部 5 条回复" })
    expect(await all.getAttribute("href")).toBe(
      `${notePath}?thread=${top}#comment-${top}`
    )
    await all.click()
    await plain.waitForURL(new RegExp(`\\?thread=${top}`))
    expect(await shownReplies()).toEqual(replyTexts)
    expect(await region.getByRole("link", { name: /回复/ }).count()).toBe(0)
    await shot(plain, "storefront-community-zh-thread-360")
    await nojs.close()

    // The note's author logs in and deletes the reader's comment: a
    // placeholder keeps the replies' place.
    const { page, context, problems } = await shopperPage(admin, {
      viewport: { width: 1280, height: 900 },
    })
    const anaEmail = `${ana.handle}@browser.test`
    await page.goto(
      `${storefront!.url}/account/login?next=${encodeURIComponent(notePath)}`
    )
    await logIn(page, anaEmail)
    await page.waitForURL(new RegExp(`${notePath}$`))
    const comments = page.getByRole("region", { name: /^评论/ })
    await comments.getByLabel("写评论").waitFor()
    await comments.getByText("0 / 1,000 字").first().waitFor()
    await page
      .getByTestId("comments-count")
      .filter({ hasText: /^6$/ })
      .waitFor()
    // The author may delete every comment on their note.
    expect(await comments.getByRole("button", { name: /^删除 / }).count()).toBe(
      4
    )
    await comments.getByRole("button", { name: "删除 Lin 的评论" }).click()
    await comments.getByText("该评论已删除。").waitFor()
    await page
      .getByTestId("comments-count")
      .filter({ hasText: /^5$/ })
      .waitFor()
    const { comments: left } = await storeApi<{
      comments: { id: string; removed: boolean; replies_count: number }[]
    }>(admin, "GET", `/store/notes/${zhNote.id}/comments`, undefined, key)
    expect(left).toEqual([
      expect.objectContaining({ id: top, removed: true, replies_count: 5 }),
    ])

    // Past the rate limit (five comments through the API), the form says
    // to wait, in Chinese, with the API's retry_after_seconds.
    const { token: anaToken } = await storeApi<{ token: string }>(
      admin,
      "POST",
      "/auth/customer/emailpass",
      { email: anaEmail, password: "buyer-pass-123" }
    )
    for (let i = 0; i < 5; i++) {
      await post(anaToken, `作者 ${i} ${mark}`)
    }
    const field = comments.getByLabel("写评论")
    await field.fill(`第六条 ${mark}`)
    await comments.getByRole("button", { name: "发布" }).click()
    await comments
      .getByRole("alert")
      .getByText(/^评论太频繁了，请 \d+ 秒后再试。$/)
      .waitFor()
    expect(await field.inputValue()).toBe(`第六条 ${mark}`)
    await shot(page, "storefront-community-zh-1280")
    // The refused post is the storefront's own server talking to Medusa:
    // the browser sees nothing fail.
    expect(problems).toEqual([])
    await context.close()
  })

  it("shows the comments to a logged-out reader, with a link to log in", async () => {
    const { page, context, problems } = await shopperPage(admin, {
      viewport: { width: 1280, height: 900 },
    })
    await page.goto(`${storefront!.url}/notes/${note.id}`)
    const comments = page.getByRole("region", { name: /^Comments/ })
    await comments.getByText(`Comment 0 ${mark}`, { exact: true }).waitFor()
    await comments.getByText(`It does, ${mark}.`).waitFor()
    const login = comments.getByRole("link", { name: "Log in to comment" })
    expect(decodeURIComponent((await login.getAttribute("href")) ?? "")).toBe(
      `/account/login?next=/notes/${note.id}#comments`
    )
    expect(await comments.getByRole("textbox").count()).toBe(0)
    expect(await comments.getByRole("button", { name: /Delete/ }).count()).toBe(
      0
    )
    expect(await comments.locator("summary").count()).toBe(0)
    expect(problems).toEqual([])
    await context.close()
  })
})
