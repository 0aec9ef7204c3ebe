import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program without a shell: bytes on its stdin, extra environment, stdout discarded, the start of stderr kept,
/// and a deadline after which its whole process group is killed. Used by the exec and e-mail notifiers.
///
/// The child runs in a process group of its own with default signal handling and an empty signal mask; it inherits
/// no descriptor but 0, 1 and 2. The blocking work (writing, reading, waiting) happens on a dedicated thread, never on
/// the cooperative pool, and the child is always reaped. Cancelling the calling task kills the group.
struct PipedCommand: Sendable {
    /// How the run ended.
    enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
        case cancelled
        case couldNotStart(String)
        /// Something else in the process reaped the child first, so its exit status is unknown.
        case statusUnavailable
    }

    /// How the run ended and the first bytes the program wrote to stderr.
    struct Result: Sendable, Equatable {
        var termination: Termination
        var stderr: String
    }

    var arguments: [String]
    var environment: [String: String] = [:]
    var input: [UInt8] = []
    var timeout: Double
    var stderrLimit = 2048

    /// Runs the program to the end, the deadline or cancellation.
    func run() async -> Result {
        let cancelled = CancelFlag()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result, Never>) in
                let thread = Thread {
                    continuation.resume(returning: self.runBlocking(cancelled: cancelled))
                }
                thread.name = "backlash-exec"
                thread.start()
            }
        } onCancel: {
            cancelled.set()
        }
    }

    /// A flag the cancellation handler sets and the worker thread polls.
    final class CancelFlag: Sendable {
        private let value = Atomic<Bool>(false)
        func set() { value.store(true, ordering: .releasing) }
        var isSet: Bool { value.load(ordering: .acquiring) }
    }

    private func runBlocking(cancelled: CancelFlag) -> Result {
        guard let program = arguments.first, !program.isEmpty else {
            return Result(termination: .couldNotStart("the command is empty"), stderr: "")
        }
        if cancelled.isSet { return Result(termination: .cancelled, stderr: "") }
        // A write to a pipe whose reader is gone must fail with EPIPE, not raise SIGPIPE in the daemon.
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)

        var stdinPipe: [Int32] = [-1, -1]
        var stderrPipe: [Int32] = [-1, -1]
        guard Self.makePipe(&stdinPipe) == 0, Self.keepAbove2(&stdinPipe),
            Self.makePipe(&stderrPipe) == 0, Self.keepAbove2(&stderrPipe)
        else {
            let code = errno
            for fd in stdinPipe + stderrPipe where fd >= 0 { close(fd) }
            return Result(termination: .couldNotStart("cannot create a pipe: \(Self.errorText(code))"), stderr: "")
        }
        let spawned = spawn(program: program, stdin: stdinPipe[0], stderr: stderrPipe[1])
        close(stdinPipe[0])
        close(stderrPipe[1])
        switch spawned {
        case .success(let pid):
            return supervise(pid: pid, stdinFD: stdinPipe[1], stderrFD: stderrPipe[0], cancelled: cancelled)
        case .failure(let message):
            close(stdinPipe[1])
            close(stderrPipe[0])
            return Result(termination: .couldNotStart(message), stderr: "")
        }
    }

    private enum Spawned { case success(pid_t), failure(String) }

    private func spawn(program: String, stdin: Int32, stderr: Int32) -> Spawned {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        Self.closeFrom3(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        posix_spawnattr_setflags(&attributes, Int16(flags))

        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        let argv = arguments.map { strdup(Self.withoutNUL($0)) } + [nil]
        let envp = merged.map { strdup(Self.withoutNUL("\($0.key)=\($0.value)")) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid = pid_t()
        let status: Int32 =
            if program.contains("/") {
                posix_spawn(&pid, program, &actions, &attributes, argv, envp)
            } else {
                posix_spawnp(&pid, program, &actions, &attributes, argv, envp)
            }
        guard status == 0 else { return .failure("cannot start '\(program)': \(Self.errorText(status))") }
        return .success(pid)
    }

    private func supervise(pid: pid_t, stdinFD: Int32, stderrFD: Int32, cancelled: CancelFlag) -> Result {
        var inFD: Int32 = stdinFD
        var errFD: Int32 = stderrFD
        defer {
            if inFD >= 0 { close(inFD) }
            if errFD >= 0 { close(errFD) }
        }
        _ = fcntl(inFD, F_SETFL, fcntl(inFD, F_GETFL) | O_NONBLOCK)
        _ = fcntl(errFD, F_SETFL, fcntl(errFD, F_GETFL) | O_NONBLOCK)
        if input.isEmpty {
            close(inFD)
            inFD = -1
        }
        var written = 0
        var captured: [UInt8] = []
        var truncated = false
        let clock = ContinuousClock()
        let seconds = timeout.isNaN ? 0 : min(max(0, timeout), 1e9)
        let deadline = clock.now.advanced(by: .milliseconds(Int64((seconds * 1000).rounded())))

        func readStderr() {
            var chunk = [UInt8](repeating: 0, count: 4096)
            while errFD >= 0 {
                let count = chunk.withUnsafeMutableBytes { read(errFD, $0.baseAddress, $0.count) }
                if count > 0 {
                    let room = stderrLimit - captured.count
                    if room > 0 { captured += chunk[0..<min(room, count)] }
                    if count > room { truncated = true }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK) {
                    close(errFD)
                    errFD = -1
                } else if errno != EINTR {
                    return
                }
            }
        }

        func finish(_ termination: Termination) -> Result {
            var text = String(decoding: captured, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if truncated { text += " …" }
            return Result(termination: termination, stderr: text)
        }

        while true {
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid {
                readStderr()
                return finish(Self.termination(status))
            }
            if reaped == -1 && errno == ECHILD {
                readStderr()
                return finish(.statusUnavailable)
            }
            let stop: Termination? = cancelled.isSet ? .cancelled : (clock.now >= deadline ? .timedOut : nil)
            if let stop {
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)  // in case the command moved itself to another process group
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                readStderr()
                return finish(stop)
            }
            var fds: [pollfd] = []
            if inFD >= 0 { fds.append(pollfd(fd: inFD, events: Int16(POLLOUT), revents: 0)) }
            if errFD >= 0 { fds.append(pollfd(fd: errFD, events: Int16(POLLIN), revents: 0)) }
            let remaining = clock.now.duration(to: deadline)
            let remainingMillis = remaining.components.seconds * 1000
                + remaining.components.attoseconds / 1_000_000_000_000_000
            let waitMillis = Int32(max(0, min(20, remainingMillis)))
            _ = poll(&fds, nfds_t(fds.count), waitMillis)
            if inFD >= 0 {
                let count = input.withUnsafeBytes { bytes in
                    write(inFD, bytes.baseAddress! + written, min(bytes.count - written, 65_536))
                }
                if count > 0 { written += count }
                let failed = count < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR
                if written >= input.count || failed {
                    close(inFD)
                    inFD = -1
                }
            }
            readStderr()
        }
    }

    /// `pipe2(fds, O_CLOEXEC)`; glibc declares it only under `_GNU_SOURCE`, so it is looked up at run time.
    private static func makePipe(_ fds: inout [Int32]) -> Int32 {
        typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
        if let symbol = lookUp("pipe2") {
            let pipe2 = unsafeBitCast(symbol, to: Pipe2.self)
            return fds.withUnsafeMutableBufferPointer { pipe2($0.baseAddress!, O_CLOEXEC) }
        }
        guard pipe(&fds) == 0 else { return -1 }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return 0
    }

    /// Moves pipe ends off 0, 1 and 2 (free when the daemon runs with a standard stream closed), so the child's
    /// own redirections cannot clobber them.
    private static func keepAbove2(_ fds: inout [Int32]) -> Bool {
        for index in fds.indices where fds[index] < 3 {
            let moved = fcntl(fds[index], F_DUPFD_CLOEXEC, 3)
            if moved < 0 { return false }
            close(fds[index])
            fds[index] = moved
        }
        return true
    }

    /// Makes the child close every descriptor from 3 up (glibc 2.34+; looked up at run time like `pipe2`).
    private static func closeFrom3(_ actions: inout posix_spawn_file_actions_t) {
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = lookUp("posix_spawn_file_actions_addclosefrom_np") else { return }
        _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, 3)
    }

    /// The address of a C library function, or nil when this libc lacks it.
    private static func lookUp(_ name: String) -> UnsafeMutableRawPointer? {
        guard let handle = dlopen(nil, RTLD_NOW) else { return nil }
        defer { dlclose(handle) }
        return dlsym(handle, name)
    }

    private static func termination(_ status: Int32) -> Termination {
        let signal = status & 0x7f
        if signal == 0 { return .exited((status >> 8) & 0xff) }
        return .signalled(signal)
    }

    private static func withoutNUL(_ text: String) -> String {
        text.contains("\0") ? text.replacingOccurrences(of: "\0", with: "") : text
    }

    static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
