import BacklashDaemon
import Foundation

/// Finds the daemon's files the way backlashd itself does: /etc config, else ./var (embedded defaults).
enum PathDiscovery {
    /// The paths of the running configuration as seen from this shell.
    static func paths() -> BacklashConfig.Paths {
        let env = ProcessInfo.processInfo.environment
        if FileManager.default.fileExists(atPath: ConfigLoader.systemPath),
            let config = try? ConfigLoader.load(file: ConfigLoader.systemPath, environment: env)
        {
            return config.paths
        }
        return .development(base: FileManager.default.currentDirectoryPath + "/var")
    }
}
