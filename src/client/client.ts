import { validRef, type ReferralOptions } from "./referral"
import type {
  StoreApplyBuyerBody,
  StoreBalanceResponse,
  StoreBuyerNoteResponse,
  StoreBuyerNotesListParams,
  StoreBuyerNotesListResponse,
  StoreBuyerFollowResponse,
  StoreBuyerProfileResponse,
  StoreBuyerResponse,
  StoreCartReferralBody,
  StoreCartReferralResponse,
  StoreCommissionsListParams,
  StoreCommissionsListResponse,
  StoreCreateBuyerNoteBody,
  StoreNoteParams,
  StoreNoteResponse,
  StoreNotesListParams,
  StoreNotesListResponse,
  StorePayoutAccountResponse,
  StorePayoutOnboardingResponse,
  StoreReportParams,
  StoreReportResponse,
  StoreSettlementParams,
  StoreSettlementResponse,
  StoreSettlementsListParams,
  StoreSettlementsListResponse,
  StoreUpdateBuyerBody,
  StoreUpdateBuyerNoteBody,
} from "./types"

/**
 * Headers of one request, as `@medusajs/js-sdk` takes them (a `null`
 * removes a default; `{ tags }` are Next.js cache tags).
 */
export type ClientHeaders = Record<string, string | null | { tags: string[] }>

export type NotesFetchInit = {
  method?: "GET" | "POST" | "DELETE"
  query?: Record<string, unknown>
  body?: Record<string, unknown>
  headers?: ClientHeaders
}

/**
 * What the client needs of the JS SDK: `client.fetch`, which adds the
 * publishable key and the customer's session or token, sends JSON and
 * throws a `FetchError` (with `status`) on a non-2xx answer. A
 * `new Medusa({ baseUrl, publishableKey })` is one.
 */
export type NotesSdk = {
  client: {
    fetch<T>(input: string, init?: NotesFetchInit): Promise<T>
  }
}

const segment = (id: string) => encodeURIComponent(id)

/**
 * A query without unset values, lists as the comma-separated values the
 * routes take (the SDK would otherwise send `status[0]=…`).
 */
function toQuery(params: object | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v === undefined || v === null) {
      continue
    }
    out[k] = Array.isArray(v) ? v.join(",") : v
  }
  return out
}

/**
 * A typed client for the plugin's store routes, on top of
 * `@medusajs/js-sdk`. Every method takes optional request headers last.
 * Errors are the SDK's `FetchError` (`status` 400 with the field's
 * message, 401 without a logged-in customer on `me` routes, 404, …).
 *
 * @example
 * import Medusa from "@medusajs/js-sdk"
 * import { createNotesClient } from "medusa-plugin-shoppable-notes/client"
 *
 * const sdk = new Medusa({ baseUrl: "http://localhost:9000", publishableKey: "pk_…" })
 * const notes = createNotesClient(sdk)
 * const { notes: found } = await notes.notes.search("面霜", { limit: 12 })
 * const { note } = await notes.notes.retrieve(found[0].id, { region_id: "reg_…" })
 */
export function createNotesClient(sdk: NotesSdk) {
  const get = <T>(path: string, params?: object, headers?: ClientHeaders) =>
    sdk.client.fetch<T>(path, {
      method: "GET",
      query: toQuery(params),
      headers,
    })
  const post = <T>(path: string, body: object, headers?: ClientHeaders) =>
    sdk.client.fetch<T>(path, {
      method: "POST",
      body: body as Record<string, unknown>,
      headers,
    })
  // CSV answers: without `accept: application/json` the SDK hands back the
  // raw `Response`.
  const csv = async (path: string, params?: object, headers?: ClientHeaders) =>
    (
      await sdk.client.fetch<Response>(path, {
        method: "GET",
        query: toQuery(params),
        headers: { ...headers, accept: "text/csv" },
      })
    ).text()

  const notes = {
    /** `GET /store/notes`: published notes, newest first unless searched. */
    list: (params?: StoreNotesListParams, headers?: ClientHeaders) =>
      get<StoreNotesListResponse>("/store/notes", params, headers),
    /** `GET /store/notes?q=`: full-text search, best match first. */
    search: (
      q: string,
      params?: Omit<StoreNotesListParams, "q">,
      headers?: ClientHeaders
    ) => get<StoreNotesListResponse>("/store/notes", { ...params, q }, headers),
    /** `GET /store/notes/{id}`: one published note, products with price and `buy_url`. */
    retrieve: (id: string, params?: StoreNoteParams, headers?: ClientHeaders) =>
      get<StoreNoteResponse>(`/store/notes/${segment(id)}`, params, headers),
  }

  const buyers = {
    /** `POST /store/buyers`: the logged-in customer applies (status `pending`). */
    apply: (body: StoreApplyBuyerBody, headers?: ClientHeaders) =>
      post<StoreBuyerResponse>("/store/buyers", body, headers),
    /**
     * `GET /store/buyers/{handle}`: a buyer's public profile (404 unless
     * approved); `following` for a logged-in customer.
     */
    retrieve: (handle: string, headers?: ClientHeaders) =>
      get<StoreBuyerProfileResponse>(
        `/store/buyers/${segment(handle)}`,
        undefined,
        headers
      ),
    /**
     * `POST /store/buyers/{handle}/follow` (`on`) or `DELETE` (unfollow):
     * the logged-in customer's follow. Idempotent.
     */
    follow: (handle: string, on: boolean, headers?: ClientHeaders) =>
      sdk.client.fetch<StoreBuyerFollowResponse>(
        `/store/buyers/${segment(handle)}/follow`,
        { method: on ? "POST" : "DELETE", headers }
      ),
  }

  const me = "/store/buyers/me"
  const mine = {
    /** `GET /store/buyers/me`: the caller's buyer profile (404 before applying). */
    retrieve: (headers?: ClientHeaders) =>
      get<StoreBuyerResponse>(me, undefined, headers),
    /** `POST /store/buyers/me`: edit the profile. */
    update: (body: StoreUpdateBuyerBody, headers?: ClientHeaders) =>
      post<StoreBuyerResponse>(me, body, headers),
    notes: {
      /** `GET /store/buyers/me/notes`: the caller's notes, every status. */
      list: (params?: StoreBuyerNotesListParams, headers?: ClientHeaders) =>
        get<StoreBuyerNotesListResponse>(`${me}/notes`, params, headers),
      /** `POST /store/buyers/me/notes`: write a note. */
      create: (body: StoreCreateBuyerNoteBody, headers?: ClientHeaders) =>
        post<StoreBuyerNoteResponse>(`${me}/notes`, body, headers),
      /** `GET /store/buyers/me/notes/{id}`. */
      retrieve: (id: string, headers?: ClientHeaders) =>
        get<StoreBuyerNoteResponse>(
          `${me}/notes/${segment(id)}`,
          undefined,
          headers
        ),
      /** `POST /store/buyers/me/notes/{id}`: only the fields given change. */
      update: (
        id: string,
        body: StoreUpdateBuyerNoteBody,
        headers?: ClientHeaders
      ) =>
        post<StoreBuyerNoteResponse>(
          `${me}/notes/${segment(id)}`,
          body,
          headers
        ),
    },
    commissions: {
      /** `GET /store/buyers/me/commissions`: the ledger, newest first, with totals. */
      list: (params?: StoreCommissionsListParams, headers?: ClientHeaders) =>
        get<StoreCommissionsListResponse>(`${me}/commissions`, params, headers),
    },
    balance: {
      /** `GET /store/buyers/me/balance`: per currency. */
      retrieve: (headers?: ClientHeaders) =>
        get<StoreBalanceResponse>(`${me}/balance`, undefined, headers),
    },
    report: {
      /** `GET /store/buyers/me/report` (docs/reports.md). */
      retrieve: (params?: StoreReportParams, headers?: ClientHeaders) =>
        get<StoreReportResponse>(`${me}/report`, params, headers),
      /** The same report as CSV text (`format=csv`). */
      csv: (params?: StoreReportParams, headers?: ClientHeaders) =>
        csv(`${me}/report`, { ...params, format: "csv" }, headers),
    },
    settlements: {
      /** `GET /store/buyers/me/settlements`: payouts, newest first, and why a run skipped. */
      list: (params?: StoreSettlementsListParams, headers?: ClientHeaders) =>
        get<StoreSettlementsListResponse>(`${me}/settlements`, params, headers),
      /** `GET /store/buyers/me/settlements/{id}`: with a page of the entries it paid. */
      retrieve: (
        id: string,
        params?: StoreSettlementParams,
        headers?: ClientHeaders
      ) =>
        get<StoreSettlementResponse>(
          `${me}/settlements/${segment(id)}`,
          params,
          headers
        ),
      /** `GET /store/buyers/me/settlements/{id}/statement`: the CSV statement's text. */
      statement: (id: string, headers?: ClientHeaders) =>
        csv(`${me}/settlements/${segment(id)}/statement`, undefined, headers),
    },
    payoutAccount: {
      /** `GET /store/buyers/me/payout-account`: the provider and the account's state. */
      retrieve: (headers?: ClientHeaders) =>
        get<StorePayoutAccountResponse>(
          `${me}/payout-account`,
          undefined,
          headers
        ),
      /**
       * `POST /store/buyers/me/payout-account`: creates the Stripe account
       * on first call; send the buyer to `onboarding_url`.
       */
      startOnboarding: (headers?: ClientHeaders) =>
        post<StorePayoutOnboardingResponse>(
          `${me}/payout-account`,
          {},
          headers
        ),
    },
  }

  const carts = {
    /** `POST /store/carts/{id}/referral`: a 400 naming `click_id` when the click does not count. */
    setReferral: (
      cartId: string,
      body: StoreCartReferralBody,
      headers?: ClientHeaders
    ) =>
      post<StoreCartReferralResponse>(
        `/store/carts/${segment(cartId)}/referral`,
        body,
        headers
      ),
  }

  return {
    notes,
    buyers,
    /** The logged-in customer's buyer center: `/store/buyers/me*`. */
    me: mine,
    carts,
    /**
     * Puts a kept click on an existing cart. Null, and no request, when
     * `ref` is missing, malformed or outside the attribution window. The
     * API's 400 (a click that did not count, or too old) is thrown as the
     * SDK's `FetchError`: the click cannot earn, so drop it.
     *
     * @example
     * await notes.attachReferral(cart.id, readReferral())
     */
    attachReferral: async (
      cartId: string,
      ref: string | null | undefined,
      opts: ReferralOptions & { headers?: ClientHeaders } = {}
    ): Promise<StoreCartReferralResponse | null> => {
      const click_id = validRef(ref, opts)
      return click_id
        ? carts.setReferral(cartId, { click_id }, opts.headers)
        : null
    },
  }
}

export type NotesClient = ReturnType<typeof createNotesClient>
