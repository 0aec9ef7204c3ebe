/// A keep-alive HTTP/1.1 client connection to 127.0.0.1 (posting alerts to Alertmanager's API).
final class HTTPConnection: @unchecked Sendable {
    let port: UInt16
    private var connection: SocketConnection
    private var pending: [UInt8] = []
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)

    /// Connects to 127.0.0.1:`port`.
    init(port: UInt16) throws(BenchError) {
        self.port = port
        connection = try SocketConnection(loopbackPort: port)
    }

    /// POSTs a JSON body and returns the response's status code (reconnecting once if the server closed the
    /// connection in between).
    func post(_ path: String, json body: [UInt8]) throws(BenchError) -> Int {
        let head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.count)\r\n\r\n"
        let request = Array(head.utf8) + body
        if !connection.send(request) {
            connection = try SocketConnection(loopbackPort: port)
            pending = []
            guard connection.send(request) else { throw BenchError("127.0.0.1:\(port) refused the request") }
        }
        while true {
            if let response = HTTPMessage.parse(pending) {
                pending.removeFirst(response.length)
                return response.status
            }
            let n = connection.receive(into: &buffer)
            guard n > 0 else { throw BenchError("127.0.0.1:\(port) closed the connection before answering") }
            pending.append(contentsOf: buffer[0..<n])
        }
    }
}
