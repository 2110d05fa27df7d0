export * from "./notes"
