/** A buyer handle as the plugin takes them (case-folded on the way in). */
export const HANDLE_SHAPE = /^[a-z0-9][a-z0-9_-]{2,29}$/
