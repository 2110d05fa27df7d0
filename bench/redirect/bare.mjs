// The physical floor of the redirect benchmark: a bare node:http server
// answering every request with the same 302 (no lookup, no click).
// Usage: node bench/redirect/bare.mjs <port>
import http from "node:http"

const port = Number(process.argv[2] ?? 9400)
http
  .createServer((req, res) => {
    res.statusCode = 302
    res.setHeader("Location", "https://shop.example/products/x?ref=click_0")
    res.setHeader("Content-Length", "0")
    res.end()
  })
  .listen(port, "127.0.0.1", () => console.log(`BARE READY ${port}`))
