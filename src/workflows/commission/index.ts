export * from "./steps/create-commission-rule"
export * from "./steps/validate-rule-references"
export * from "./workflows/create-commission-rule"
