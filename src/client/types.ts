/**
 * Requests and responses of the plugin's store routes, as a storefront
 * sees them over HTTP. Only types: nothing here reaches a bundle.
 *
 * Note shapes come from `src/types` (pure types, no imports), turned into
 * their JSON form by `Wire`. The others mirror what the routes answer
 * (`src/api/store/**`, `src/api/utils/*-read.ts`, docs/reports.md); the
 * client's unit test checks the report, balance and settlement shapes
 * against the server's own types.
 */
import type {
  BuyerDTO,
  CommissionEntryDTO,
  CommissionEntryStatus,
  CommissionEntryType,
  CreateNoteInput,
  LedgerBalance,
  NoteDTO,
  NoteStatus,
  PayoutAccountDTO,
  PayoutAccountResponse,
  ReportCurrencyMetrics,
  ReportDropReason,
  ReportInterval,
  ReportMetrics,
  ReportMoneyField,
  ReportPreset,
  ReportRange,
  SettlementDTO,
  SettlementStatus,
  StoreBuyerFollowResponse,
  StoreBuyerProfile,
  StoreNoteListItem,
  StoreNote,
  StoreNoteCommentDeleteResponse,
  StoreNoteCommentRepliesResponse as StoreNoteCommentRepliesResponseDTO,
  StoreNoteCommentResponse as StoreNoteCommentResponseDTO,
  StoreNoteCommentsResponse as StoreNoteCommentsResponseDTO,
  UpdateNoteInput,
  Wire,
} from "../types"

export type { Wire }

/** Paging of every list route. */
export type PageParams = { limit?: number; offset?: number }
export type Page = { count: number; limit: number; offset: number }

/** Several values of an enum filter: an array, or one value. */
export type OneOrMany<T extends string> = T | T[]

// ------------------------------------------------------------------ notes

/** `GET /store/notes`: published notes, searched and filtered. */
export type StoreNotesListParams = PageParams & {
  /** Full-text search (≤ 200 characters; CJK substrings work). */
  q?: string
  /**
   * `newest` (the default: newest first, best match first with `q`) or
   * `trending` (engagement decayed with age, highest first).
   */
  sort?: "newest" | "trending"
  /** One tag (`#` and case ignored). */
  tag?: string
  /** Notes tagging this product (a product page's "notes about this"). */
  product_id?: string
  /** A buyer id (`buyer_…`) or handle; an unknown handle gives no notes. */
  buyer?: string
  /** The notes' language, such as `en` or `zh-CN`. */
  note_locale?: string
  /** Only notes by the buyers the logged-in customer follows (401 without one). */
  feed?: "following"
}

export type StoreNotesListResponse = Page & {
  notes: Wire<StoreNoteListItem>[]
  /** False when `count` is a lower bound (the search's count cap). */
  count_exact: boolean
}

/** `GET /store/notes/{id}`: prices in a region or a currency (else `price: null`). */
export type StoreNoteParams = { region_id?: string; currency_code?: string }

export type StoreNoteResponse = { note: Wire<StoreNote> }

// ----------------------------------------------------------------- buyers

export type StoreBuyer = Wire<BuyerDTO>

/** `POST /store/buyers`: the logged-in customer applies (status `pending`). */
export type StoreApplyBuyerBody = {
  /** 3–30 characters of `a-z 0-9 - _`. */
  handle: string
  display_name: string
  bio?: string | null
  /** An http(s) URL. */
  avatar_url?: string | null
}

/** `POST /store/buyers/me`: not status, tier or customer. */
export type StoreUpdateBuyerBody = Partial<StoreApplyBuyerBody>

export type StoreBuyerResponse = { buyer: StoreBuyer }

/** `GET /store/buyers/{handle}`: a buyer's public profile. */
export type StoreBuyerProfileResponse = {
  buyer: Wire<StoreBuyerProfile>
}

/** `POST|DELETE /store/buyers/{handle}/follow`. */
export type { StoreBuyerFollowResponse }

// ------------------------------------------------------ likes, saves, comments

export type { StoreNoteLikeResponse, StoreNoteSaveResponse } from "../types"

/** `GET /store/customers/me/saved-notes`: newest save first. */
export type StoreSavedNotesResponse = Page & {
  notes: Wire<StoreNoteListItem>[]
}

/** `GET /store/notes/{id}/comments`. */
export type StoreNoteCommentsResponse = Wire<StoreNoteCommentsResponseDTO>
/** `GET /store/notes/{id}/comments?parent_id=`: one comment's replies. */
export type StoreNoteCommentRepliesResponse =
  Wire<StoreNoteCommentRepliesResponseDTO>
/** `POST /store/notes/{id}/comments`. */
export type StoreNoteCommentResponse = Wire<StoreNoteCommentResponseDTO>
/** `DELETE /store/notes/{id}/comments/{comment_id}`. */
export type { StoreNoteCommentDeleteResponse }

// ------------------------------------------------------------- own notes

/** A note as its author sees it: every status, with its products' codes. */
export type StoreBuyerNote = Wire<NoteDTO>

/** `GET /store/buyers/me/notes`. */
export type StoreBuyerNotesListParams = PageParams & {
  q?: string
  tag?: string
  product_id?: string
  status?: NoteStatus
}

export type StoreBuyerNotesListResponse = Page & {
  notes: StoreBuyerNote[]
  count_exact: boolean
}

/**
 * `POST /store/buyers/me/notes`. `status: "published"` needs an approved
 * buyer (400 otherwise). Points (`x`, `y`) are 0..1 on the image
 * `image_index` names.
 */
export type StoreCreateBuyerNoteBody = Omit<CreateNoteInput, "buyer_id">

/** `POST /store/buyers/me/notes/{id}`: only the fields given change. */
export type StoreUpdateBuyerNoteBody = UpdateNoteInput

export type StoreBuyerNoteResponse = { note: StoreBuyerNote }

// ------------------------------------------------------------ commissions

export type { CommissionEntryStatus, CommissionEntryType }

/** One ledger entry. Money is a decimal string (`"12.5"`, `"-3.1"`). */
export type StoreCommissionEntry = CommissionEntryDTO

/** `GET /store/buyers/me/commissions`: the caller's ledger, newest first. */
export type StoreCommissionsListParams = PageParams & {
  status?: OneOrMany<CommissionEntryStatus>
  type?: OneOrMany<CommissionEntryType>
  currency_code?: string
}

export type StoreCommissionsListResponse = Page & {
  commissions: StoreCommissionEntry[]
  /** Per currency, over every entry the filter selects (not only this page). */
  totals: { currency_code: string; amount: string; count: number }[]
}

/** One currency of `GET /store/buyers/me/balance`; decimal strings. */
export type StoreBalance = Omit<LedgerBalance, "buyer_id">

export type StoreBalanceResponse = { balances: StoreBalance[] }

// ---------------------------------------------------------------- report

export type {
  ReportCurrencyMetrics,
  ReportDropReason,
  ReportInterval,
  ReportMetrics,
  ReportMoneyField,
  ReportPreset,
  ReportRange,
}
export type StoreReportGroupBy =
  "note" | "product" | "utm_source" | "utm_campaign" | "referer"
export type ReportMetric =
  | "views"
  | "view_ctr"
  | "clicks"
  | "unique_visitors"
  | "orders"
  | "units"
  | "conversion"
  | `dropped.${ReportDropReason}`
  | ReportMoneyField
  | "returned_share"
  | "epc"

/**
 * `GET /store/buyers/me/report` (docs/reports.md). A preset, or `from`
 * (and `to`): ISO 8601 dates or date-times, a date being local midnight in
 * `tz` (`to` as a date is inclusive).
 */
export type StoreReportParams = {
  preset?: ReportPreset
  from?: string
  to?: string
  /** An IANA time zone (default: the store's `report_timezone`). */
  tz?: string
  interval?: ReportInterval
  group_by?: StoreReportGroupBy
  /** Only these groups (up to 100 keys; needs `group_by`). */
  key?: string | string[]
  order_by?: ReportMetric
  order?: "asc" | "desc"
  /** The currency a money `order_by` sorts on. */
  currency_code?: string
  /** The groups' page: 1..100 (20). */
  limit?: number
  offset?: number
  /** `include`: count distinct visitors (costly); otherwise they are null. */
  visitors?: "include"
}

export type StoreReportResponse = Page & {
  range: ReportRange
  totals: ReportMetrics
  /** Every bucket of the range, empty ones with zeros. */
  series: ({ start: string; end: string } & ReportMetrics)[]
  /** With `group_by`: one page of groups, ordered. */
  groups: ({ key: string | null; label: string | null } & ReportMetrics)[]
}

// ------------------------------------------------------------ settlements

export type { SettlementStatus }
export type SettlementSkipReason =
  | "buyer_not_approved"
  | "payouts_not_enabled"
  | "under_threshold"
  | "negative_balance"
  | "on_hold"

/** A payout to the caller. Money as decimal strings. */
export type StoreSettlement = Omit<SettlementDTO, "idempotency_key">

/** `GET /store/buyers/me/settlements`: newest first. */
export type StoreSettlementsListParams = PageParams & {
  status?: OneOrMany<SettlementStatus>
  currency_code?: string
}

export type StoreSettlementsListResponse = Page & {
  settlements: StoreSettlement[]
  totals: {
    currency_code: string
    status: SettlementStatus
    amount: string
    count: number
  }[]
  /** Per currency: why the last run did not pay the caller. */
  skipped: {
    currency_code: string
    reason: SettlementSkipReason
    amount: string
    at: string
  }[]
}

/** `GET /store/buyers/me/settlements/{id}`: the entries' page (1..1000, 100). */
export type StoreSettlementParams = PageParams

export type StoreSettlementResponse = {
  settlement: StoreSettlement
  /** The entries it paid, oldest first. */
  entries: StoreCommissionEntry[]
  entries_count: number
  limit: number
  offset: number
}

// --------------------------------------------------------- payout account

export type StorePayoutAccount = PayoutAccountDTO

export type StorePayoutAccountResponse = PayoutAccountResponse

/** `POST /store/buyers/me/payout-account`: a fresh onboarding link. */
export type StorePayoutOnboardingResponse = {
  payout_account: StorePayoutAccount | null
  onboarding_url: string
  expires_at: string
}

// ------------------------------------------------------------------ carts

/** `POST /store/carts/{id}/referral`. */
export type StoreCartReferralBody = { click_id: string }

export type StoreCartReferralResponse = {
  cart: {
    id: string
    customer_id: string | null
    region_id: string | null
    currency_code: string
    email: string | null
    metadata: Record<string, unknown> | null
  }
}

/** `GET /store/buyers/me/promo-codes`: the buyer's active promo codes. */
export type {
  BuyerPromoCodeDTO as StoreMyPromoCode,
  BuyerPromoCodesResponse as StoreMyPromoCodesResponse,
} from "../types/promo-codes"
