import net from "node:net"
import { classifyWriteFailure } from "../utils/db-errors"

describe("classifyWriteFailure", () => {
  it("keeps the batch for an unreachable database (a real refused connection)", async () => {
    // A port nobody listens on: the error Node gives when PostgreSQL is down.
    const server = net.createServer()
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()))
    const port = (server.address() as net.AddressInfo).port
    await new Promise<void>((r) => server.close(() => r()))
    const error = await new Promise<Error>((resolve) => {
      const socket = net.connect(port, "127.0.0.1")
      socket.on("error", resolve)
    })
    expect((error as NodeJS.ErrnoException).code).toBe("ECONNREFUSED")
    expect(classifyWriteFailure(error)).toBe("outage")
  })

  it("keeps the batch for server states that are no row's fault", () => {
    for (const code of [
      "57P01",
      "57P03",
      "53300",
      "08006",
      "08001",
      "40001",
      "40P01",
      "42P01",
    ]) {
      expect(classifyWriteFailure({ code, message: "x" })).toBe("outage")
    }
    expect(
      classifyWriteFailure({
        name: "KnexTimeoutError",
        message:
          "Knex: Timeout acquiring a connection. The pool is probably full.",
      })
    ).toBe("outage")
    expect(
      classifyWriteFailure(new Error("Connection terminated unexpectedly"))
    ).toBe("outage")
  })

  it("isolates rows for data errors, the NUL byte's protocol error included", () => {
    for (const code of ["08P01", "22021", "22001", "23505", "23502", "54000"]) {
      expect(classifyWriteFailure({ code, message: "x" })).toBe("row")
    }
    // MikroORM copies the driver's code; knex prefixes the statement.
    expect(
      classifyWriteFailure(
        Object.assign(
          new Error("insert into … RETURNING id - invalid message format"),
          { code: "08P01" }
        )
      )
    ).toBe("row")
    expect(classifyWriteFailure(new TypeError("bad value"))).toBe("row")
    expect(classifyWriteFailure("weird")).toBe("row")
  })
})
