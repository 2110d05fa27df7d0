import {
  medusaIntegrationTestRunner,
  TestEventUtils,
} from "@medusajs/test-utils"
import type { IEventBusModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { approveDueCommissions } from "../../src/jobs/approve-commissions"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type AttributionModuleService from "../../src/modules/attribution/service"
import { COMMISSION_MODULE } from "../../src/modules/commission"
import type CommissionModuleService from "../../src/modules/commission/service"
import accrueAttributedOrder from "../../src/subscribers/attribution-created-accrue"
import syncOrderCommissions from "../../src/subscribers/order-commission-sync"
import attributePlacedOrder from "../../src/subscribers/order-placed-attribute"
import { buyLinkResolver } from "../../src/utils/buy-link-resolver"
import { reconcileOrders } from "../../src/utils/reconcile-orders"
import {
  StoreFixture,
  createCustomerSession,
  createLinAndMaya,
  createStoreFixture,
  followBuyLink,
  placeOrder,
  publishBuyerNote,
  receiveReturn,
} from "../helpers/fixtures"
import { entriesOf } from "../helpers/ledger"

jest.setTimeout(240 * 1000)

const DAY = 24 * 3600 * 1000

/*
 * What the reconciliation job and the approval job heal when an event is
 * lost (Medusa's Redis event bus loses events released while Redis
 * restarts: docs/deploying.md). A lost event is made here by taking the
 * plugin's subscriber off the event bus, so the event is delivered to
 * nobody, exactly what the plugin sees when Medusa loses it.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let f: StoreFixture
    let shopper: Awaited<ReturnType<typeof createCustomerSession>>
    let code: string
    let linId: string

    const attribution = () =>
      getContainer().resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    const commission = () =>
      getContainer().resolve<CommissionModuleService>(COMMISSION_MODULE)
    const bus = () =>
      getContainer().resolve<IEventBusModuleService>(Modules.EVENT_BUS)

    type Handler = (args: {
      event: { name: string; data: any }
      container: any
      pluginOptions: Record<string, unknown>
    }) => Promise<void>

    /**
     * Takes the plugin's subscriber `subscriberId` off `event`; the returned
     * function puts it back as Medusa's loader does.
     */
    const lose = (event: string, subscriberId: string, handler: Handler) => {
      bus().unsubscribe(event, (async () => {}) as never, { subscriberId })
      return () =>
        bus().subscribe(
          event,
          (async (data: { data: unknown }) =>
            handler({
              event: { name: event, ...data } as never,
              container: getContainer(),
              pluginOptions: {},
            })) as never,
          { subscriberId }
        )
    }

    /** Resolves once `event` was delivered (to nobody, when it is lost). */
    const delivered = (event: string) =>
      TestEventUtils.waitSubscribersExecution(event, bus() as never)

    const decisionOf = async (orderId: string) =>
      attribution().listOrderAttributions({ order_id: orderId })

    const ledgerOf = (orderId: string) =>
      entriesOf(commission(), { order_id: orderId })

    /** Polls until the order's entries satisfy `done` (subscribers are asynchronous). */
    const waitForEntries = async (
      orderId: string,
      done: (e: Awaited<ReturnType<typeof ledgerOf>>) => boolean
    ) => {
      let last: Awaited<ReturnType<typeof ledgerOf>> = []
      for (let i = 0; i < 100; i++) {
        last = await ledgerOf(orderId)
        if (done(last)) {
          return last
        }
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error(`ledger of ${orderId}: ${JSON.stringify(last)}`)
    }

    /** A run past the grace (default 300 s), so it looks at every order. */
    const pastGrace = () => ({ now: new Date(Date.now() + 301 * 1000) })

    beforeEach(async () => {
      buyLinkResolver.clear()
      attribution().resetClickMemory()
      f = await createStoreFixture(getContainer())
      const { lin, linId: id } = await createLinAndMaya(
        api,
        getContainer(),
        f,
        "rc.test"
      )
      linId = id
      shopper = await createCustomerSession(
        getContainer(),
        f,
        "shopper@rc.test"
      )
      ;[code] = (
        await publishBuyerNote(api, lin, "Reconciled cream", [f.products[0].id])
      ).codes
      await api.post(
        "/admin/commission-rules",
        { scope: "default", type: "percentage", rate: "10" },
        f.adminHeaders
      )
    })

    afterEach(async () => {
      await attribution().flushClicks()
    })

    const orderThroughBuyLink = async (quantity: number) => {
      const ref = await followBuyLink(api, getContainer(), code)
      await attribution().flushClicks()
      return placeOrder(api, f, {
        headers: shopper.headers,
        items: [{ variant_id: f.products[0].variants[0].id, quantity }],
        click_id: ref,
      })
    }

    it("a lost order.placed and a lost attribution.created: the next run decides and accrues the order, once", async () => {
      const restorePlaced = lose(
        "order.placed",
        "notes-attribute-order",
        attributePlacedOrder as Handler
      )
      const restoreAccrue = lose(
        "attribution.created",
        "notes-accrue-commission",
        accrueAttributedOrder as Handler
      )
      try {
        const placed = delivered("order.placed")
        const order = await orderThroughBuyLink(3) // 60 EUR → 6
        await placed
        expect(await decisionOf(order.id)).toEqual([])

        // Within the grace the order is its subscribers' to handle.
        expect(
          await reconcileOrders(getContainer(), { sweep_from: null })
        ).toMatchObject({
          decided: 0,
          accrued: 0,
          failed: 0,
        })
        expect(await decisionOf(order.id)).toEqual([])

        const announced = delivered("attribution.created")
        expect(await reconcileOrders(getContainer(), pastGrace())).toEqual({
          decided: 1,
          accrued: 1,
          swept: 1,
          resynced: 0,
          failed: 0,
          sweep_next: null,
        })
        await announced
        const [decision] = await decisionOf(order.id)
        expect(decision).toMatchObject({ outcome: "attributed" })
        const entries = await ledgerOf(order.id)
        expect(entries).toEqual([
          expect.objectContaining({
            type: "accrual",
            status: "pending",
            amount: "6",
            order_line_id: order.items[0].id,
          }),
        ])

        // Nothing left to heal: the next runs change nothing.
        expect(await reconcileOrders(getContainer(), pastGrace())).toEqual({
          decided: 0,
          accrued: 0,
          swept: 1,
          resynced: 0,
          failed: 0,
          sweep_next: null,
        })
        expect(await ledgerOf(order.id)).toEqual(entries)

        // A run whose budget is spent before the sweep: the turn is not
        // over, the next run sweeps from the first order again.
        expect(
          await reconcileOrders(getContainer(), {
            ...pastGrace(),
            budget_ms: -1,
          })
        ).toEqual({
          decided: 0,
          accrued: 0,
          swept: 0,
          resynced: 0,
          failed: 0,
          sweep_next: "",
        })
      } finally {
        restorePlaced()
        restoreAccrue()
      }
    })

    /** Fulfils the whole order and waits for its subscribers. */
    const fulfil = async (order: {
      id: string
      items: { id: string; quantity: number }[]
    }) => {
      const fulfilled = delivered("order.fulfillment_created")
      await api.post(
        `/admin/orders/${order.id}/fulfillments`,
        {
          items: order.items.map((i) => ({ id: i.id, quantity: i.quantity })),
          location_id: f.locationId,
        },
        f.adminHeaders
      )
      await fulfilled
    }

    /**
     * Returns `quantity` of the order's line with `order.return_received`
     * lost (the ledger sync's subscriber off the bus meanwhile); the
     * ledger still has only its accrual after it.
     */
    const returnWithEventLost = async (
      order: { id: string; items: { id: string }[] },
      quantity: number
    ) => {
      const restore = lose(
        "order.return_received",
        "notes-sync-order-commission",
        syncOrderCommissions as Handler
      )
      try {
        const received = delivered("order.return_received")
        await receiveReturn(api, f, order.id, [
          { id: order.items[0].id, quantity },
        ])
        await received
      } finally {
        restore()
      }
      expect(await ledgerOf(order.id)).toHaveLength(1)
    }

    it("a lost order.return_received: the sweep reverses the returned share", async () => {
      const order = await orderThroughBuyLink(2) // 40 EUR → 4
      const [accrual] = await waitForEntries(order.id, (e) => e.length === 1)
      await fulfil(order)
      await returnWithEventLost(order, 1)

      const out = await reconcileOrders(getContainer(), pastGrace())
      expect(out).toEqual({
        decided: 0,
        accrued: 0,
        swept: 1,
        resynced: 1,
        failed: 0,
        sweep_next: null,
      })
      const entries = await ledgerOf(order.id)
      expect(entries).toHaveLength(2)
      expect(entries[1]).toMatchObject({
        type: "reversal",
        amount: "-2",
        reverses_id: accrual.id,
      })
    })

    it("a lost order.return_received: the approval job syncs the order before its commission becomes payable", async () => {
      const order = await orderThroughBuyLink(2) // 40 EUR → 4
      await waitForEntries(order.id, (e) => e.length === 1)
      await fulfil(order)
      const [held] = await waitForEntries(order.id, (e) => !!e[0].available_at)
      await returnWithEventLost(order, 2)

      // The hold ends: the job syncs the order, then approves what is due.
      const holdEnds = new Date(held.available_at!).getTime()
      expect(holdEnds).toBeGreaterThan(Date.now() + 13 * DAY)
      await approveDueCommissions(getContainer(), new Date(holdEnds + 1000))
      // Without the sync, approved and payable would be 4.
      const entries = await ledgerOf(order.id)
      expect(
        entries.some((e) => e.type === "reversal" || e.status === "void")
      ).toBe(true)
      const [balance] = await commission().listBalances({ buyer_id: linId })
      expect(balance).toMatchObject({ approved: "0", payable: "0" })
    })
  },
})
