import Foundation
import NIOCore

/// The optional Prometheus listener (`metrics:` in the config); without the section no port is opened.
public struct MetricsSettings: Sendable, Equatable {
    /// The IP address to bind, as a literal (`127.0.0.1`, `::1`).
    public var host: String
    /// The TCP port; 0 lets the system pick a free one (`backlashctl status` reports it).
    public var port: Int
    /// Whether a non-loopback address was allowed on purpose (`allow_remote: true`): metrics have no authentication.
    public var allowRemote = false

    /// Creates settings for `host` and `port`.
    public init(host: String, port: Int, allowRemote: Bool = false) {
        self.host = host
        self.port = port
        self.allowRemote = allowRemote
    }

    /// `host:port` as a user writes it (an IPv6 address in brackets).
    public var listenText: String { Self.text(host: host, port: port) }

    /// `host:port`, with an IPv6 address in brackets.
    static func text(host: String, port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// A parsed `listen:` value.
    struct Listen: Equatable {
        var host: String
        var port: Int
        var isLoopback: Bool
    }

    /// Why a `listen:` value was not taken.
    enum ListenProblem: Error, Equatable {
        case notHostPort
        case notAnIPAddress(String)
        case portOutOfRange(String)
    }

    /// Parses `127.0.0.1:9797`, `[::1]:9797` or `localhost:9797` (taken as 127.0.0.1): an IP literal, not a name
    /// to resolve, so that what `--check-config` accepts is what the daemon binds.
    static func parseListen(_ text: String) -> Result<Listen, ListenProblem> {
        let t = text.trimmingCharacters(in: .whitespaces)
        let hostPart: Substring
        let portPart: Substring
        if t.hasPrefix("[") {
            guard let close = t.firstIndex(of: "]"), t[t.index(after: close)...].hasPrefix(":") else {
                return .failure(.notHostPort)
            }
            hostPart = t[t.index(after: t.startIndex)..<close]
            portPart = t[t.index(close, offsetBy: 2)...]
        } else {
            guard let colon = t.lastIndex(of: ":"), !t[..<colon].contains(":") else { return .failure(.notHostPort) }
            hostPart = t[..<colon]
            portPart = t[t.index(after: colon)...]
        }
        guard !hostPart.isEmpty, !portPart.isEmpty, portPart.allSatisfy(\.isASCII), portPart.allSatisfy(\.isNumber)
        else { return .failure(.notHostPort) }
        guard let port = Int(portPart), (0...65535).contains(port) else {
            return .failure(.portOutOfRange(String(portPart)))
        }
        let host = hostPart == "localhost" ? "127.0.0.1" : String(hostPart)
        guard let address = try? SocketAddress(ipAddress: host, port: port) else {
            return .failure(.notAnIPAddress(String(hostPart)))
        }
        return .success(Listen(host: host, port: port, isLoopback: Self.isLoopback(address)))
    }

    /// 127.0.0.0/8 or ::1.
    static func isLoopback(_ address: SocketAddress) -> Bool {
        switch address {
        case .v4(let a):
            return withUnsafeBytes(of: a.address.sin_addr) { $0.first == 127 }
        case .v6(let a):
            return withUnsafeBytes(of: a.address.sin6_addr) { bytes in
                bytes.dropLast().allSatisfy { $0 == 0 } && bytes.last == 1
            }
        case .unixDomainSocket:
            return false
        }
    }
}
