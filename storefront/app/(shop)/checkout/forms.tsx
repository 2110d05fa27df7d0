"use client"

import { startTransition, useActionState } from "react"
import { FormMessages } from "@/components/form-messages"
import { chooseShipping, placeOrder, saveAddress } from "@/lib/actions"
import styles from "../shop.module.css"

type Address = {
  email: string
  first_name: string
  last_name: string
  address_1: string
  postal_code: string
  city: string
  country_code: string
  phone: string
}

const FIELDS: {
  name: keyof Address
  label: string
  type?: string
  autoComplete: string
  optional?: boolean
}[] = [
  { name: "email", label: "Email", type: "email", autoComplete: "email" },
  { name: "first_name", label: "First name", autoComplete: "given-name" },
  { name: "last_name", label: "Last name", autoComplete: "family-name" },
  {
    name: "address_1",
    label: "Street and number",
    autoComplete: "address-line1",
  },
  { name: "postal_code", label: "Postal code", autoComplete: "postal-code" },
  { name: "city", label: "City", autoComplete: "address-level2" },
  {
    name: "phone",
    label: "Phone (optional)",
    type: "tel",
    autoComplete: "tel",
    optional: true,
  },
]

export function AddressForm({
  values,
  countries,
}: {
  values: Address
  countries: { code: string; name: string }[]
}) {
  const [state, action, pending] = useActionState(saveAddress, null)
  return (
    <form action={action} className={styles.form}>
      {FIELDS.map((f) => (
        <div key={f.name} className={styles.field}>
          <label htmlFor={f.name}>{f.label}</label>
          <input
            id={f.name}
            name={f.name}
            type={f.type ?? "text"}
            autoComplete={f.autoComplete}
            required={!f.optional}
            defaultValue={values[f.name]}
          />
        </div>
      ))}
      <div className={styles.field}>
        <label htmlFor="country_code">Country</label>
        <select
          id="country_code"
          name="country_code"
          autoComplete="country"
          defaultValue={values.country_code}
          required
        >
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={styles.secondary} disabled={pending}>
        {pending ? "Saving…" : "Save address"}
      </button>
      <FormMessages state={state} />
    </form>
  )
}

export function PlaceOrderForm({
  options,
  chosen,
}: {
  options: { id: string; label: string }[]
  chosen: string | null
}) {
  const [state, action, pending] = useActionState(placeOrder, null)
  return (
    <form action={action} className={styles.form}>
      {options.length > 0 && (
        <fieldset className={styles.option}>
          <legend className={styles.optionTitle}>Delivery</legend>
          {options.map((o, i) => (
            <label key={o.id} className={styles.radioRow}>
              <input
                type="radio"
                name="shipping_option_id"
                value={o.id}
                defaultChecked={chosen ? chosen === o.id : i === 0}
                onChange={() =>
                  startTransition(async () => {
                    await chooseShipping(o.id)
                  })
                }
                required
              />
              <span>{o.label}</span>
            </label>
          ))}
        </fieldset>
      )}
      <fieldset className={styles.option}>
        <legend className={styles.optionTitle}>Payment</legend>
        <label className={styles.radioRow}>
          <input
            type="radio"
            name="provider_id"
            value="pp_system_default"
            defaultChecked
          />
          <span>
            Pay later (test payment, the store&apos;s system provider)
          </span>
        </label>
      </fieldset>
      <button type="submit" className={styles.primary} disabled={pending}>
        {pending ? "Placing order…" : "Place order"}
      </button>
      <FormMessages state={state} />
    </form>
  )
}
