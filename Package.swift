// swift-tools-version:6.1
import Foundation
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

var package = Package(
    name: "Backlash",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "backlashd", targets: ["backlashd"]),
        .executable(name: "backlashctl", targets: ["backlashctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .target(name: "BacklashCore", swiftSettings: strict),
        .target(
            name: "BacklashStore",
            dependencies: [
                "BacklashCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        .target(
            name: "Systemd",
            dependencies: ["CSystemd", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(
            name: "BacklashDaemon",
            dependencies: [
                "BacklashCore", "BacklashStore", "Systemd",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "backlashd",
            dependencies: [
                "BacklashDaemon", "BacklashStore", "Systemd",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "backlashctl",
            dependencies: [
                "BacklashCore", "BacklashStore", "BacklashDaemon",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "backlash-bench",
            dependencies: ["BacklashCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/backlash-bench",
            swiftSettings: strict
        ),
        .testTarget(
            name: "BacklashCoreTests", dependencies: ["BacklashCore"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(
            name: "BacklashStoreTests",
            dependencies: ["BacklashStore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .testTarget(name: "SystemdTests", dependencies: ["Systemd"], swiftSettings: strict),
        .testTarget(
            name: "BacklashDaemonTests",
            dependencies: [
                "BacklashDaemon", "BacklashCore", "BacklashStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            exclude: ["Notify/Support"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "IntegrationTests", dependencies: ["BacklashCore"], exclude: ["Fixtures"], swiftSettings: strict),
    ]
)

// Fuzz targets (libFuzzer): only `scripts/fuzz` builds them, with BACKLASH_FUZZ=1, `-sanitize=fuzzer,address` and its
// own scratch path, so a plain `swift build` neither sees nor builds them.
if ProcessInfo.processInfo.environment["BACKLASH_FUZZ"] == "1" {
    package.targets += [
        .target(name: "FuzzSupport", path: "Fuzz/Support", swiftSettings: strict),
        .executableTarget(
            name: "fuzz-post-decoder", dependencies: ["BacklashCore", "FuzzSupport"], path: "Fuzz/PostDecoder",
            swiftSettings: strict),
        .executableTarget(
            name: "fuzz-config-parser", dependencies: ["BacklashDaemon", "FuzzSupport"], path: "Fuzz/ConfigParser",
            swiftSettings: strict),
        .executableTarget(
            name: "fuzz-control-request", dependencies: ["BacklashCore", "BacklashDaemon", "FuzzSupport"],
            path: "Fuzz/ControlRequest", swiftSettings: strict),
        .executableTarget(
            name: "fuzz-reply-lint", dependencies: ["BacklashCore", "FuzzSupport"], path: "Fuzz/ReplyLint",
            swiftSettings: strict),
    ]
}
