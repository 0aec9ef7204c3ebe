import BacklashCore
import BacklashDaemon
import Foundation
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func controlRequestFuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    ControlRequestFuzz.check(FuzzDriver.bytes(data, size))
    return 0
}

/// Fuzzes the pure part of the control protocol: decoding a request line (`ControlRequest.decode`) and reading its
/// arguments the way the commands do (`int`, `number`, durations, `--at` times), then rendering the reply.
///
/// Besides not crashing: every reply is a JSON object; a duration is finite and non-negative; a time an argument
/// names can be written in RFC 3339 and read back.
@main
enum ControlRequestFuzz {
    /// A fixed "now" (2026-11-28T09:00:00Z): the target must not read the clock.
    static let now = 1_795_856_400.0

    static func main() {
        FuzzDriver.run(controlRequestFuzzInput)
    }

    static func check(_ bytes: [UInt8]) {
        switch ControlRequest.decode(bytes) {
        case .failure(let error):
            requireReply(ControlCommands.errorReply(error.description))
        case .success(let request):
            requireReply(ControlCommands.errorReply("unknown command `\(request.command)`"))
            let args = request.arguments
            for key in args.keys {
                _ = try? args.int(key)
                _ = args.flag(key)
                if let number = args.number(key) { _ = JSONValue(number) }
                guard let text = args.optionalText(key) else { continue }
                if let seconds = DurationText.parse(text) {
                    FuzzDriver.require(seconds.isFinite && seconds >= 0, "duration \(seconds) from \(text)")
                    _ = DurationText.format(seconds)
                }
                if let time = TimeArgument.parse(text, now: now, timeZone: TimeZone(identifier: "UTC")!) {
                    FuzzDriver.require(RFC3339.canFormat(time), "time \(time) from \(text) cannot be written")
                    FuzzDriver.require(RFC3339.parse(RFC3339.format(time)) != nil, "time \(time) does not read back")
                }
            }
        }
    }

    static func requireReply(_ reply: String) {
        let parsed = try? JSONParser().parse(reply)
        FuzzDriver.require(parsed?.objectValue?["ok"] == .bool(false), "a reply that is not a JSON error: \(reply)")
    }
}
