import { MiddlewareRoute, authenticate } from "@medusajs/framework/http"
import { validateBody } from "../../utils/validate"
import { StoreCartReferral } from "./validators"

export const storeCartsMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/carts/:id/referral",
    method: ["POST"],
    middlewares: [
      // Guests may carry a click too; a logged-in customer is checked
      // against the cart's owner.
      authenticate("customer", ["session", "bearer"], {
        allowUnauthenticated: true,
      }),
      validateBody(StoreCartReferral),
    ],
  },
]
