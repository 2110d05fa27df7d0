export * from "./notes"
export * from "./buyers"
export * from "./attribution"
export * from "./commission"
