import Foundation

/// Runs a command-line tool to completion without blocking a thread: the exit is awaited and the
/// output goes through a file (a full pipe would stall the tool). Started by ``Subprocess``, not
/// Foundation's `Process`, whose exit notification was seen to get lost when several children
/// exit at once, leaving zombies and a test waiting forever.
public enum TestCommand {
    public struct Output: Sendable {
        public var status: Int32
        /// stdout and stderr, interleaved.
        public var text: String
    }

    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                           input: String? = nil) async throws -> Output {
        let base = NSTemporaryDirectory() + "triage-command-\(UUID().uuidString)"
        let outputPath = base + ".out", inputPath = base + ".in"
        defer {
            try? FileManager.default.removeItem(atPath: outputPath)
            try? FileManager.default.removeItem(atPath: inputPath)
        }
        if let input { try Data(input.utf8).write(to: URL(fileURLWithPath: inputPath)) }
        let process = try Subprocess(executable: executable, arguments: arguments,
                                     environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
                                     logPath: outputPath, stdinPath: input == nil ? "/dev/null" : inputPath)
        let status = await process.exit()
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return Output(status: status, text: text)
    }
}
