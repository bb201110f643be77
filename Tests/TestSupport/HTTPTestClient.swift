import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real HTTP client (URLSession, keep-alive) for end-to-end tests of the gateway.
public struct HTTPTestClient: Sendable {
    public struct Response: Sendable {
        public let status: Int
        public let headers: [String: String]
        public let body: Data

        /// The body as a JSON object (nil when it is not one).
        public var json: [String: Any]? { try? JSONSerialization.jsonObject(with: body) as? [String: Any] }
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    public let baseURL: String
    private let session: URLSession

    public init(baseURL: String) {
        self.baseURL = baseURL
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 30
        session = URLSession(configuration: configuration)
    }

    public func send(_ method: String, _ path: String, body: Data? = nil, contentType: String? = "application/json",
                     headers: [String: String] = [:]) async throws -> Response {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        request.httpMethod = method
        request.httpBody = body
        if body != nil, let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw TimeoutError("not an HTTP response") }
        var lowered: [String: String] = [:]
        for (key, value) in http.allHeaderFields { lowered[String(describing: key).lowercased()] = String(describing: value) }
        return Response(status: http.statusCode, headers: lowered, body: data)
    }

    public func post(_ path: String, json: Any) async throws -> Response {
        try await send("POST", path, body: try JSONSerialization.data(withJSONObject: json))
    }

    public func get(_ path: String) async throws -> Response { try await send("GET", path) }
}
