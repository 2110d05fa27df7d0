// One freePort for the scripts (ESM: compat-smoke, the storefront bench)
// and the browser harness (TypeScript run by Jest as CommonJS): CommonJS is
// what both can load; free-port.d.cts types it for TypeScript.
const net = require("node:net")

/** A port nothing listens on now (the OS picks it; the socket is closed again). */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.on("error", reject)
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

module.exports = { freePort }
