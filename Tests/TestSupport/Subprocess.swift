#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A child process started with posix_spawn and a clean signal state.
///
/// Foundation's `Process`, called from a Swift concurrency thread, passes that thread's blocked
/// signal mask on to the child, so a server started from a test could ignore SIGTERM. Here the
/// child gets an empty mask and default dispositions, stdin from /dev/null, and stdout and stderr
/// appended to a log file.
public final class Subprocess: @unchecked Sendable {
    public let pid: pid_t
    private let lock = NSLock()
    private var status: Int32?

    public init(executable: String, arguments: [String], environment: [String: String], logPath: String,
                stdinPath: String = "/dev/null") throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw SubprocessError(description: "cannot start \(executable): \(String(cString: strerror(result)))")
        }
        self.pid = pid
    }

    /// Whether it still runs (reaps it when it has exited).
    public var isRunning: Bool { exitStatus == nil }

    /// The exit status (or 128 + signal), once it has exited.
    public var exitStatus: Int32? {
        lock.lock()
        defer { lock.unlock() }
        if let status { return status }
        var raw: Int32 = 0
        guard waitpid(pid, &raw, WNOHANG) == pid else { return nil }
        let signal = raw & 0x7F
        status = signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
        return status
    }

    public func send(_ signal: Int32) {
        if isRunning { kill(pid, signal) }
    }

    /// Waits (without blocking a thread) until it exits, and returns the exit status.
    public func exit() async -> Int32 {
        while true {
            if let status = exitStatus { return status }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Blocks the calling thread until it exits (use only on a dedicated thread or in `deinit`).
    public func waitBlocking() {
        while isRunning { usleep(5_000) }
    }

    deinit {
        if isRunning {
            kill(pid, SIGKILL)
            waitBlocking()
        }
    }
}

public struct SubprocessError: Error, CustomStringConvertible {
    public let description: String
}
