import BacklashCore
import Foundation
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// Who is on the other end of a unix socket, from `SO_PEERCRED`.
public struct PeerCredentials: Sendable, Equatable {
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32
}

/// `struct ucred` as the kernel lays it out (Glibc hides it without _GNU_SOURCE).
struct UCred: Sendable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}

extension PeerCredentials {
    /// Reads the peer's credentials of an accepted unix socket channel.
    static func of(_ channel: any Channel) -> EventLoopFuture<PeerCredentials?> {
        guard let provider = channel as? any SocketOptionProvider else {
            return channel.eventLoop.makeSucceededFuture(nil)
        }
        let future: EventLoopFuture<UCred> = provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
        return future.map { PeerCredentials(pid: $0.pid, uid: $0.uid, gid: $0.gid) }.recover { _ in nil }
    }

    /// The unix user name, if the uid has one.
    var userName: String? {
        var pwd = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &pwd, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return String(cString: pwd.pw_name)
    }

    /// Whether the peer belongs to `group` (primary or supplementary).
    func isMember(of group: String) -> Bool {
        guard let entry = getgrnam(group) else { return false }
        if entry.pointee.gr_gid == gid { return true }
        guard let name = userName, var members = entry.pointee.gr_mem else { return false }
        while let m = members.pointee {
            if String(cString: m) == name { return true }
            members += 1
        }
        return false
    }
}
