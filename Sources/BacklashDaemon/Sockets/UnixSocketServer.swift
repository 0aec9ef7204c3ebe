import Foundation
import Logging
import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Binds (or adopts from systemd) a unix stream socket and runs a line protocol on each connection.
struct UnixSocketServer: Sendable {
    let name: String
    let path: String
    let mode: UInt16
    let group: String?
    let maxConnections: Int
    /// When full, a new client takes the place of the connection idle the longest (see ``ConnectionTable``).
    var evictIdle = false
    let logger: Logger

    /// Starts listening; `adoptedFD` is a socket passed by systemd (then `path` is only informative).
    func start(
        adoptedFD: Int32?,
        initializer: @escaping @Sendable (any Channel, ConnectionTable.Record) -> EventLoopFuture<Void>
    ) async throws -> any Channel {
        let limit = maxConnections
        let connections = ConnectionTable(limit: maxConnections, evictIdle: evictIdle)
        let serverName = name
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 512)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelOption(.writeBufferWaterMark, value: .init(low: 64 * 1024, high: 256 * 1024))
            .childChannelInitializer { channel in
                let record = ConnectionTable.Record(channel: channel, now: .now())
                let admission = connections.admit(record)
                if case .admittedEvicting(let idle) = admission {
                    var buffer = idle.channel.allocator.buffer(capacity: 160)
                    buffer.writeString(
                        "{\"ok\":false,\"error\":\"the \(serverName) socket is at its limit of \(limit) connections "
                            + "and this one was idle the longest: closed to serve another client; reconnect when "
                            + "needed\"}\n")
                    idle.channel.writeAndFlush(buffer).whenComplete { _ in idle.channel.close(promise: nil) }
                }
                if case .refused = admission {
                    var buffer = channel.allocator.buffer(capacity: 128)
                    buffer.writeString(
                        "{\"ok\":false,\"error\":\"the \(serverName) socket has \(limit) connections, its limit; "
                            + "try again later\"}\n")
                    return channel.writeAndFlush(buffer).flatMap { channel.close() }
                        .flatMapError { _ in channel.eventLoop.makeSucceededVoidFuture() }
                }
                channel.closeFuture.whenComplete { _ in connections.remove(record) }
                return initializer(channel, record)
            }
        if let fd = adoptedFD {
            logger.info("using the socket passed by systemd", metadata: ["socket": "\(name)", "fd": "\(fd)"])
            return try await bootstrap.withBoundSocket(fd).get()
        }
        try prepareDirectory()
        try refuseIfServing()
        let channel = try await bootstrap.bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true).get()
        applyPermissions()
        logger.info("listening", metadata: ["socket": "\(name)", "path": "\(path)"])
        return channel
    }

    private func prepareDirectory() throws {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
    }

    /// A live socket at the path means another backlashd serves it: refuse rather than steal it.
    private func refuseIfServing() throws {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        guard (st.st_mode & S_IFMT) == S_IFSOCK else {
            throw SocketSetupError.notASocket(path)
        }
        if case .success(let fd) = UnixSocketConnector.connect(path: path) {
            close(fd)
            throw SocketSetupError.inUse(path)
        }
    }

    private func applyPermissions() {
        chmod(path, mode_t(mode))
        guard let group else { return }
        guard let entry = getgrnam(group) else {
            logger.debug("socket group does not exist; leaving the socket's group as is", metadata: ["group": "\(group)"])
            return
        }
        if chown(path, uid_t.max, entry.pointee.gr_gid) != 0 {
            logger.warning(
                "cannot give the socket to its group",
                metadata: ["path": "\(path)", "group": "\(group)", "error": "\(String(cString: strerror(errno)))"])
        }
    }
}

/// Socket set-up failures, with what to do.
enum SocketSetupError: Error, CustomStringConvertible {
    case inUse(String)
    case notASocket(String)

    var description: String {
        switch self {
        case .inUse(let p): "another process is already listening on \(p); is backlashd running already?"
        case .notASocket(let p): "\(p) exists and is not a socket; move it away or choose another path"
        }
    }
}
