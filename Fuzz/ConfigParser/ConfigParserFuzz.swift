import BacklashDaemon
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func configParserFuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    ConfigParserFuzz.check(FuzzDriver.bytes(data, size))
    return 0
}

/// Fuzzes the configuration parser (`ConfigLoader.parse`: Yams, then `ConfigReader` section by section) over YAML
/// text. Besides not crashing or hanging: a rejected config names at least one issue, each at line 1 or later.
@main
enum ConfigParserFuzz {
    static func main() {
        FuzzDriver.run(configParserFuzzInput)
    }

    static func check(_ bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        do {
            _ = try ConfigLoader.parse(text: text, file: "/etc/backlash/fuzz.yaml", environment: [:])
        } catch {
            FuzzDriver.require(!error.issues.isEmpty, "a rejected config without an issue")
            FuzzDriver.require(error.issues.allSatisfy { $0.line >= 1 }, "an issue before line 1: \(error)")
        }
    }
}
