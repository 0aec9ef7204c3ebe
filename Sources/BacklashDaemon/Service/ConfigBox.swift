import Synchronization

/// The configuration in force, swapped atomically on reload.
final class ConfigBox: Sendable {
    private let value: Mutex<BacklashConfig>

    init(_ config: BacklashConfig) {
        value = Mutex(config)
    }

    var current: BacklashConfig { value.withLock { $0 } }

    func replace(_ config: BacklashConfig) {
        value.withLock { $0 = config }
    }
}
