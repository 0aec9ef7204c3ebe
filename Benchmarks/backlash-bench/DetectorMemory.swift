import ArgumentParser
import BacklashCore
import Foundation

/// Memory the incident detector keeps per post it has seen (issue 9: the cause of backlashd's RSS growth): the
/// benchmarks' background stream fed straight into `FlashmobDetector` in batches, this process's RSS read before
/// and after, beside the posts' own size as JSON (the peer: what keeping them verbatim would take).
struct DetectorMemory: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detector-memory",
        abstract: "Heap bytes FlashmobDetector holds per post of the background stream, vs the posts' JSON size.")

    @Option(help: "Posts to feed.") var posts = 200_000
    @Option(help: "Posts per simulated second (the detector forgets quiet groups after 48 h of it).")
    var rate = 5_000.0
    @Option(help: "Posts per batch, as the daemon's group commit hands them over.") var batch = 500

    func run() {
        var generator = BenchPosts(seed: 5)
        let decoder = PostDecoder()
        let start = 1_795_849_200.0
        var lines: [String] = []
        lines.reserveCapacity(posts)
        for i in 0..<posts {
            lines.append(generator.background(client: i % 4, n: i / 4, now: start + Double(i) / rate))
        }
        let jsonBytes = lines.reduce(0) { $0 + $1.utf8.count }
        var decoded: [Post] = []
        decoded.reserveCapacity(posts)
        for line in lines {
            if case .success(let post) = decoder.decode(line) { decoded.append(post) }
        }
        lines = []
        var detector = FlashmobDetector()
        let before = Self.residentBytes()
        let t0 = WallClock.now()
        var index = 0
        var incidents = 0
        var batchSeconds: [Double] = []
        while index < decoded.count {
            let slice = Array(decoded[index..<min(index + batch, decoded.count)])
            let b0 = WallClock.now()
            incidents += detector.ingest(slice, now: slice.last!.createdAt).events
                .filter { $0.kind == .incidentOpened }.count
            batchSeconds.append(WallClock.now() - b0)
            index += batch
        }
        let seconds = WallClock.now() - t0
        let held = Self.residentBytes() - before
        print("\(decoded.count) background posts, \(jsonBytes / decoded.count) bytes of JSON each; "
            + "\(detector.groupCount) groups held, \(incidents) incidents opened")
        print(String(format: "detector RSS: %@ = %.0f bytes per post (JSON: %.0f bytes per post; ratio %.1f); "
            + "%.0f posts/s on one core", ProcessStats.mib(held), Double(held) / Double(decoded.count),
            Double(jsonBytes) / Double(decoded.count), Double(held) / Double(jsonBytes),
            Double(decoded.count) / seconds))
        batchSeconds.sort()
        print(String(format: "batch of %d: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d batches)", batch,
            batchSeconds[batchSeconds.count / 2] * 1000, batchSeconds[batchSeconds.count * 99 / 100] * 1000,
            batchSeconds.last! * 1000, batchSeconds.count))
        print(String(format: "at 5,000,000 posts within the 48 h window: %.1f GiB",
            Double(held) / Double(decoded.count) * 5e6 / 1_073_741_824))
        withExtendedLifetime(detector) {}
    }

    /// This process's resident bytes (only the detector allocates in between).
    static func residentBytes() -> Int {
        ProcessStats.of(getpid())?.rss ?? 0
    }
}
