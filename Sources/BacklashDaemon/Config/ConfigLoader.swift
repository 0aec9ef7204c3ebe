import BacklashCore
import Foundation
import Yams

/// One problem in a config file, with its position.
public struct ConfigIssue: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    /// `FILE:LINE:COLUMN: message` (the format compilers use, so editors can jump to it).
    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Why a configuration could not be loaded: the list of every problem found.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var issues: [ConfigIssue]

    /// One issue per line.
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}

/// Finds, reads and validates the YAML configuration, reporting every error with its line.
public enum ConfigLoader {
    /// The system config path.
    public static let systemPath = "/etc/backlash/backlash.yaml"

    /// The config to run with: `--config FILE`, else the system file if it exists, else the development defaults
    /// under `./var` of the working directory.
    public static func load(explicitPath: String?, workingDirectory: String, environment: [String: String])
        throws(ConfigError) -> BacklashConfig
    {
        if let explicitPath {
            return try load(file: explicitPath, environment: environment)
        }
        if FileManager.default.fileExists(atPath: systemPath) {
            return try load(file: systemPath, environment: environment)
        }
        return BacklashConfig(paths: .development(base: workingDirectory + "/var"))
    }

    /// Reads and validates one file.
    public static func load(file: String, environment: [String: String]) throws(ConfigError) -> BacklashConfig {
        guard let data = FileManager.default.contents(atPath: file) else {
            let reason = FileManager.default.fileExists(atPath: file) ? "cannot be read (check permissions)" : "does not exist"
            throw ConfigError(issues: [ConfigIssue(file: file, line: 1, column: 1, message: "the config file \(reason)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let offset = UTF8Validation.firstInvalidOffset(Array(data)) ?? 0
            let line = data.prefix(offset).filter { $0 == 0x0A }.count + 1
            throw ConfigError(issues: [ConfigIssue(file: file, line: line, column: 1, message: "not valid UTF-8")])
        }
        return try parse(text: text, file: file, environment: environment)
    }

    /// Validates YAML text; relative paths are resolved against the file's directory.
    public static func parse(text: String, file: String, environment: [String: String]) throws(ConfigError)
        -> BacklashConfig
    {
        let directory = (file as NSString).deletingLastPathComponent
        var config = BacklashConfig(
            sourceFile: file,
            paths: .system(stateDirectory: environment["STATE_DIRECTORY"], runtimeDirectory: environment["RUNTIME_DIRECTORY"]))
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigError(issues: [yamlIssue(error, file: file)])
        } catch {
            throw ConfigError(issues: [ConfigIssue(file: file, line: 1, column: 1, message: "\(error)")])
        }
        var reader = ConfigReader(file: file, directory: directory.isEmpty ? "." : directory)
        if let root { reader.readRoot(root, into: &config) }
        if !reader.issues.isEmpty { throw ConfigError(issues: reader.issues) }
        return config
    }

    static func yamlIssue(_ error: YamlError, file: String) -> ConfigIssue {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "YAML syntax: \(problem)"
            if let context {
                message += " (\(context.text) that starts at line \(context.mark.line), column \(context.mark.column))"
            }
            return ConfigIssue(file: file, line: mark.line, column: mark.column, message: message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigIssue(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "duplicate key \(duplicates.joined(separator: ", ")) in a mapping")
        case .reader(let problem, _, _, _):
            return ConfigIssue(file: file, line: 1, column: 1, message: "YAML: \(problem)")
        default:
            return ConfigIssue(file: file, line: 1, column: 1, message: "YAML: \(error)")
        }
    }
}
