/*
 * The plugin's admin strings, merged into the dashboard's i18next resources
 * (Medusa 2.21's admin bundler imports `src/admin/i18n/index.ts` and
 * deep-merges its default export into the core translations).
 *
 * Convention: one JSON file per language and area, `i18n/<lang>/<area>.json`
 * (`<lang>` is the dashboard's language code: `en`, `zhCN`). Each file lands
 * under the `shoppable` namespace at the key of its area, so
 * `i18n/en/rules.json`'s `{ "title": "…" }` is `t("rules.title")` with
 * `useT()` from `lib/i18n`. Adding an area is adding its files: this index
 * picks every file up by itself and needs no edit.
 */
const files = import.meta.glob<Record<string, unknown>>("./*/*.json", {
  eager: true,
  import: "default",
})

const resources: Record<string, { shoppable: Record<string, unknown> }> = {}
for (const [file, strings] of Object.entries(files)) {
  const [, lang, area] = /^\.\/([^/]+)\/([^/]+)\.json$/.exec(file) ?? []
  if (!lang || !area) {
    continue
  }
  resources[lang] ??= { shoppable: {} }
  resources[lang].shoppable[area] = strings
}

export default resources
