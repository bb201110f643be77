import Foundation

/// Where tests find the built executables and put their temporary files.
public enum TestPaths {
    /// The directory with this build's executables (`TRIAGE_BUILD_DIR`, else `.build/debug`).
    public static var buildDirectory: String {
        if let directory = ProcessInfo.processInfo.environment["TRIAGE_BUILD_DIR"], !directory.isEmpty { return directory }
        return repositoryRoot + "/.build/debug"
    }

    /// The repository checkout (found from this file's location).
    public static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    public static func executable(_ name: String) -> String { "\(buildDirectory)/\(name)" }

    /// A fresh, short directory (Unix socket paths are limited to 107 bytes).
    public static func makeTemporaryDirectory(_ label: String) throws -> String {
        let base = ProcessInfo.processInfo.environment["TRIAGE_TEST_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? NSTemporaryDirectory()
        let path = URL(fileURLWithPath: base).appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))").standardizedFileURL.path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// A condition that did not become true in time.
public struct TimeoutError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Polls `condition` every 20 ms until it holds.
public func waitUntil(_ what: String, timeout: Duration = .seconds(15), _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw TimeoutError("timed out after \(timeout) waiting for \(what)") }
        try await Task.sleep(for: .milliseconds(20))
    }
}
