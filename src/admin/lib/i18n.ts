import { useTranslation } from "react-i18next"

/**
 * The i18next namespace of the plugin's admin strings. They live in
 * `src/admin/i18n/<lang>/<area>.json` (see the comment in
 * `src/admin/i18n/index.ts`): English (`en`) and Simplified Chinese
 * (`zhCN`), the buyers' market. Missing keys fall back to English.
 */
export const NS = "shoppable"

/** `t` bound to the plugin's namespace: `t("rules.title")`. */
export function useT() {
  return useTranslation(NS).t
}

/** The dashboard's language as a BCP 47 tag for Intl (`zhCN` → `zh-CN`). */
export function useLocale(): string {
  const { i18n } = useTranslation(NS)
  return toBcp47(i18n.language)
}

export function toBcp47(code: string | undefined): string {
  if (!code) {
    return "en"
  }
  const m = /^([a-z]{2,3})([A-Z]{2})$/.exec(code)
  return m ? `${m[1]}-${m[2]}` : code
}
