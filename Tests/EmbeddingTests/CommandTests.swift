import Foundation
import XCTest
@testable import Embedding

/// `knowledge-service embed` and the install script's idea of where the static model lives.
final class CommandTests: XCTestCase {
    /// Runs the built `knowledge-service` and waits for it without blocking a thread.
    private func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let environment = ProcessInfo.processInfo.environment
        let buildDirectory = environment["TRIAGE_BUILD_DIR"] ?? TestModel.repositoryRoot + "/.build/debug"
        let binary = buildDirectory + "/knowledge-service"
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            XCTFail("\(binary) is not built (swift build --build-tests builds it)")
            return (-1, "")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var childEnvironment = environment
        childEnvironment["TRIAGE_MODEL_DIR"] = try TestModel.directory
        childEnvironment["TRIAGE_STATIC_MODEL"] = try TestModel.staticModelPath
        process.environment = childEnvironment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        // The outputs here are far below a pipe's capacity, so reading after the exit cannot deadlock.
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { process in
                let data = output.fileHandleForReading.readDataToEndOfFile()
                continuation.resume(returning: (process.terminationStatus, String(decoding: data, as: UTF8.self)))
            }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
    }

    func testEmbedJSONPrintsOneVectorPerLine() async throws {
        let result = try await run(["embed", "--json", "hello world", "refund"])
        XCTAssertEqual(result.status, 0)
        let lines = result.output.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        let vector = try JSONDecoder().decode([Float].self, from: Data(lines[0].utf8))
        XCTAssertEqual(vector.count, 384)
        XCTAssertEqual(vector[0], -0.034477, accuracy: 1e-4)
    }

    func testTokensInStaticMode() async throws {
        _ = try await Engines.shared.engine(.static)  // builds the static model if it is not installed
        let result = try await run(["embed", "--tokens", "--mode", "static", "hello world"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.output, "[101,7592,2088,102]\n")
    }

    func testUnknownOptionIsAUsageError() async throws {
        let bogusOption = try await run(["embed", "--bogus"])
        XCTAssertEqual(bogusOption.status, 2)
        let missingValue = try await run(["embed", "--mode"])
        XCTAssertEqual(missingValue.status, 2)
    }

    func testInstallScriptUsesTheEnginesFileName() throws {
        let script = try String(contentsOfFile: TestModel.repositoryRoot + "/deploy/local/lib/model.sh", encoding: .utf8)
        XCTAssertTrue(script.contains("STATIC_MODEL_STEM=\(StaticModel.fileStem)\n"))
        XCTAssertTrue(EmbeddingConfiguration.defaultStaticModelPath(runDirectory: "R")
            .hasPrefix("R/models/\(StaticModel.fileStem)-"))
    }
}
