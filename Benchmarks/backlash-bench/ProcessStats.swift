import Foundation

/// What /proc says about a running process: resident memory and open file descriptors.
struct ProcessStats: Sendable {
    /// Resident set size, bytes (VmRSS).
    var rss: Int
    /// Peak resident set size so far, bytes (VmHWM).
    var peakRSS: Int
    /// Open file descriptors (entries of /proc/PID/fd).
    var openFDs: Int
    /// CPU time used so far, user + system, seconds (/proc/PID/stat): a figure a busy machine does not distort.
    var cpuSeconds: Double

    /// Reads the figures of process `pid`; nil when it is gone.
    static func of(_ pid: Int32) -> ProcessStats? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        func kib(_ field: String) -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return 0 }
            return (Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "0") ?? 0) * 1024
        }
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? 0
        return ProcessStats(rss: kib("VmRSS"), peakRSS: kib("VmHWM"), openFDs: fds, cpuSeconds: cpu(pid))
    }

    /// utime + stime of /proc/PID/stat (fields 14 and 15, after the parenthesised command name), in seconds.
    static func cpu(_ pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Bytes as MiB with one decimal.
    static func mib(_ bytes: Int) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }
}
