export * from "./notes"
export * from "./buyers"
