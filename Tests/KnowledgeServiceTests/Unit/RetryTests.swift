import Foundation
import Testing
import TestSupport
import TriageCore
import TriageJSON
import TriageRPC
@testable import KnowledgeService

/// QdrantHTTP against a scripted HTTP server: 429 retries honour Retry-After and give up after the
/// allowed attempts; 5xx and 4xx are not retried.
@Suite("Qdrant client retries", .timeLimit(.minutes(2)))
struct RetryTests {
    /// A Python HTTP server answering each request with the next `(status, body)`, then the last one forever
    /// (`/probe` answers 204 without counting).
    final class ScriptedServer: @unchecked Sendable {
        let port: Int
        let process: ServiceProcess
        let directory: String

        init(_ answers: [(Int, String)]) async throws {
            directory = try TestPaths.makeTemporaryDirectory("scripted")
            let script = """
                import http.server, json, sys
                answers = json.loads(sys.argv[2]); count = [0]
                class H(http.server.BaseHTTPRequestHandler):
                    protocol_version = "HTTP/1.1"
                    def answer(self):
                        n = int(self.headers.get("Content-Length") or 0); self.rfile.read(n)
                        if self.path == "/probe":
                            self.send_response(204); self.send_header("Content-Length", "0"); self.end_headers(); return
                        status, body = answers[min(count[0], len(answers) - 1)]; count[0] += 1
                        open(sys.argv[3], "w").write(str(count[0]))
                        data = body.encode(); self.send_response(status)
                        if status == 429: self.send_header("Retry-After", "1")
                        self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(data)))
                        self.end_headers(); self.wfile.write(data)
                    do_GET = do_PUT = do_POST = answer
                    def log_message(self, *args): pass
                http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
                """
            let port = try QdrantStandin.freePort()
            self.port = port
            let encoded = String(decoding: try JSONSerialization.data(withJSONObject: answers.map { [$0.0, $0.1] as [Any] }), as: UTF8.self)
            process = try ServiceProcess("/usr/bin/python3", name: "scripted", arguments: ["-c", script, String(port), encoded, "\(directory)/count"],
                                         environment: [:], logDirectory: directory)
            try await waitUntil("the scripted server", timeout: .seconds(10)) {
                (try? await QdrantStandin.Endpoint(host: "127.0.0.1", port: port).request("GET", "/probe")) != nil
            }
        }

        var requests: Int { Int((try? String(contentsOfFile: "\(directory)/count", encoding: .utf8)) ?? "0") ?? 0 }

        deinit { process.kill9() }
    }

    static let ok = #"{"result":{"count":3},"status":"ok","time":0.001}"#

    func client(_ server: ScriptedServer) -> QdrantHTTP {
        QdrantHTTP(settings: QdrantSettings(baseURL: "http://127.0.0.1:\(server.port)", poolSize: 1, maxRetries: 3,
                                            maxRetryWait: .milliseconds(150)), logger: Logger(service: "test", logLevel: .critical))
    }

    @Test func rateLimitedRequestsAreRetried() async throws {
        let server = try await ScriptedServer([(429, #"{"status":{"error":"slow down"}}"#), (429, "{}"), (200, Self.ok)])
        let http = client(server)
        let took = try await elapsed {
            let result = try await http.call("POST", "/collections/kb/points/count", body: ["exact": true], timeout: .seconds(2))
            #expect(result["count"]?.intValue == 3)
        }
        #expect(server.requests == 3 && took >= .milliseconds(300), "\(server.requests) requests in \(took)")
        http.shutdownThreads()
    }

    @Test func rateLimitingThatPersistsIsResourceExhausted() async throws {
        let server = try await ScriptedServer([(429, #"{"status":{"error":"too many requests"}}"#)])
        let http = client(server)
        let error = await #expect(throws: QdrantError.self) {
            _ = try await http.call("POST", "/x", body: [:], timeout: .seconds(2))
        }
        #expect(error?.rpcError.code == .resourceExhausted && error?.message.contains("too many requests") == true)
        #expect(server.requests == 4)
        // Within a deadline too short for the waits, it gives up at once.
        let early = await #expect(throws: QdrantError.self) {
            _ = try await http.call("POST", "/x", body: [:], timeout: .seconds(2), deadline: .now + .milliseconds(100))
        }
        #expect(early?.kind == .rateLimited && server.requests == 5)
        http.shutdownThreads()
    }

    @Test func serverErrorsAreNotRetried() async throws {
        let server = try await ScriptedServer([(503, #"{"status":{"error":"Service unavailable: shards not ready"}}"#), (200, Self.ok)])
        let http = client(server)
        let error = await #expect(throws: QdrantError.self) { _ = try await http.call("GET", "/x", timeout: .seconds(2)) }
        #expect(error?.rpcError.code == .unavailable && server.requests == 1)
        http.shutdownThreads()

        let bad = try await ScriptedServer([(400, #"{"status":{"error":"Wrong input: Vector dimension error: expected dim: 384, got 10"},"time":0}"#)])
        let other = client(bad)
        let rejected = await #expect(throws: QdrantError.self) { _ = try await other.call("PUT", "/x", body: [:], timeout: .seconds(2)) }
        #expect(rejected?.rpcError.code == .invalidArgument && rejected?.message.contains("expected dim: 384") == true && bad.requests == 1)
        other.shutdownThreads()
    }

    @Test func aClosedPortIsUnavailableAtOnce() async throws {
        let http = QdrantHTTP(settings: QdrantSettings(baseURL: "http://127.0.0.1:\(try QdrantStandin.freePort())", poolSize: 1),
                              logger: Logger(service: "test", logLevel: .critical))
        let took = await elapsed {
            let error = await #expect(throws: QdrantError.self) { _ = try await http.call("GET", "/readyz", timeout: .seconds(2)) }
            #expect(error?.kind == .unavailable)
        }
        #expect(took < .seconds(1))
        http.shutdownThreads()
    }
}
