export { NotFoundView as default } from "@/components/error-view"
