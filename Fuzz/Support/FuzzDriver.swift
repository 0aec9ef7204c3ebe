#if canImport(Glibc)
    import Glibc
#endif

/// A fuzz target's test function, as libFuzzer calls it: the input's bytes and their count; returns 0.
public typealias FuzzTest = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

@_silgen_name("LLVMFuzzerRunDriver")
private func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ test: FuzzTest
) -> Int32

/// Starts libFuzzer from a SwiftPM executable target.
///
/// SwiftPM links an executable's `main` to the module's own entry point, so a target cannot simply leave `main` to
/// libFuzzer: its `@main` calls libFuzzer's driver (`LLVMFuzzerRunDriver`), which reads the usual command line
/// (corpus directories, `-max_total_time=…`). The target still exports `LLVMFuzzerTestOneInput`, which libFuzzer's
/// own `main` object refers to. Built only by `scripts/fuzz` (`-sanitize=fuzzer,address`, `BACKLASH_FUZZ=1`).
public enum FuzzDriver {
    /// Runs the fuzzer with the process's arguments and exits with its status.
    public static func run(_ test: FuzzTest) -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(llvmFuzzerRunDriver(&argc, &argv, test))
    }

    /// The input as a byte array.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Stops the run when an invariant fails: libFuzzer saves the input as a crash artifact.
    public static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("invariant violated: \(message())") }
    }
}
