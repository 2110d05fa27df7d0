/** A port nothing listens on now (the OS picks it; the socket is closed again). */
export function freePort(): Promise<number>
