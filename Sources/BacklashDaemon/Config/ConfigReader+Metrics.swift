import Foundation
import Yams

extension ConfigReader {
    /// `metrics: {listen: 127.0.0.1:9797, allow_remote: false}`: the Prometheus listener, loopback unless allowed.
    mutating func readMetrics(_ node: Node) -> MetricsSettings? {
        guard let members = mapping(node, "metrics", allowed: ["listen", "allow_remote"]) else { return nil }
        var allowRemote = false
        for (key, _, value) in members where key == "allow_remote" {
            allowRemote = bool(value, "metrics.allow_remote") ?? false
        }
        guard let (_, _, listenNode) = members.first(where: { $0.key == "listen" }) else {
            fail(node,
                "`metrics` needs `listen:`, e.g. `listen: 127.0.0.1:9797` (remove the section to serve no metrics)")
            return nil
        }
        guard let text = nonEmptyString(listenNode, "metrics.listen") else { return nil }
        switch MetricsSettings.parseListen(text) {
        case .failure(.notHostPort):
            fail(listenNode,
                "`metrics.listen` must be ADDRESS:PORT, e.g. 127.0.0.1:9797 or [::1]:9797 (got \"\(text)\")")
        case .failure(.notAnIPAddress(let host)):
            fail(listenNode, "`metrics.listen` needs an IP address such as 127.0.0.1 or [::1], not \"\(host)\" "
                + "(names are not resolved)")
        case .failure(.portOutOfRange(let port)):
            fail(listenNode, "`metrics.listen` port \(port) is not between 0 and 65535")
        case .success(let listen):
            if !listen.isLoopback && !allowRemote {
                fail(listenNode, "`metrics.listen` \(text) is not a loopback address, and metrics are served without "
                    + "authentication: listen on 127.0.0.1 or [::1], or add `allow_remote: true` to serve them to "
                    + "other machines on purpose")
                return nil
            }
            return MetricsSettings(host: listen.host, port: listen.port, allowRemote: allowRemote)
        }
        return nil
    }
}
