import Logging

#if canImport(Glibc)
import Glibc
#endif

/// The open-file limit: raised at start so the configured connections fit (systemd starts services with a soft
/// limit of 1024 and a much higher hard limit, and expects programs that need more to raise it themselves).
enum FileDescriptorLimit {
    /// Descriptors besides the connections: the database and its WAL, inotify, notifier pipes, journald, NIO.
    static let reserve = 128

    /// Raises the soft limit towards the hard one so `connections` plus the reserve fit; warns when they cannot.
    static func raise(toServe connections: Int, logger: Logger) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
        let needed = rlim_t(connections + reserve)
        if limit.rlim_cur < needed {
            var raised = limit
            raised.rlim_cur = min(limit.rlim_max, needed)
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        if limit.rlim_cur < needed {
            logger.warning("""
                the open-file limit is \(limit.rlim_cur) (hard \(limit.rlim_max)) but the configured \
                connections need about \(needed): raise LimitNOFILE= in the unit or lower ingest.max_connections
                """)
        }
    }
}
